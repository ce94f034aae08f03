/**
 * A module, or what is built from it, loaded when first needed rather than when the app starts. Each one so
 * loaded (a mail client, a zip writer, a QR encoder) took tens of ms of CPU to load, in every process: the web
 * server, the worker, and each of the test suite's hundreds of processes, most of which never use it.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  return () => (loaded ??= load())
}
