import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import * as esbuild from 'esbuild'
import * as sass from 'sass'
import { builtAssetsDir, projectRoot, publicDir } from '../src/paths'
import { present } from '../src/shared/present'

const manifest: Record<string, string> = {}

function writeHashed(logicalName: string, contents: string | Uint8Array): void {
  const hash = crypto.createHash('sha256').update(contents).digest('hex').slice(0, 12)
  const ext = path.extname(logicalName)
  const hashedName = `${path.basename(logicalName, ext)}-${hash}${ext}`
  fs.writeFileSync(path.join(builtAssetsDir, hashedName), contents)
  manifest[logicalName] = hashedName
}

async function main(): Promise<void> {
  fs.rmSync(builtAssetsDir, { recursive: true, force: true })
  fs.mkdirSync(builtAssetsDir, { recursive: true })

  const css = sass.compile(path.join(projectRoot, 'src/assets/scss/app.scss'), {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(projectRoot)],
    quietDeps: true,
  })
  writeHashed('app.css', css.css)

  const js = await esbuild.build({
    entryPoints: [path.join(projectRoot, 'src/assets/js/app.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    write: false,
  })
  writeHashed('app.js', present(js.outputFiles[0], "esbuild's app.js").contents)

  const imagesDir = path.join(publicDir, 'images')
  for (const image of fs.readdirSync(imagesDir)) {
    writeHashed(image, fs.readFileSync(path.join(imagesDir, image)))
  }

  fs.writeFileSync(path.join(builtAssetsDir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  console.log(`built ${Object.keys(manifest).length} assets into ${path.relative(projectRoot, builtAssetsDir)}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
