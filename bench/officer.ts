import type { Services } from '../src/services'

/** The benchmarks' analyst, created once; the benchmarks sign in as it to read results and exports. */
export const BENCH_OFFICER = {
  email: process.env.BENCH_EMAIL ?? 'bench@localhost.test',
  password: process.env.BENCH_PASSWORD ?? 'bench officer long password 2024',
}

export async function ensureBenchOfficer({ userService }: Pick<Services, 'userService'>): Promise<void> {
  const { email, password } = BENCH_OFFICER
  if ((await userService.list()).some((user) => user.email === email)) return
  await userService.createWithPassword({ email, displayName: 'Benchmark', role: 'analyst', password })
}
