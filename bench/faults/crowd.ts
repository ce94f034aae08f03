import { Browser, type Reply } from './browser'
import { GaveUp, JOURNEY, Resident } from './resident'

/** Residents' IP addresses, one each, so that the per-IP submission limit is not what the bench measures. */
let nextAddress = 0
export const residentAddress = (): string => {
  nextAddress++
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`
}

/**
 * A crowd of residents, each in a loop until stopped: browse, answer every page of the sample survey
 * and send it, in a new browser each time. Every reply is kept, and every reference shown.
 */
export class Crowd {
  readonly replies: Reply[] = []
  readonly references: string[] = []
  gaveUp = 0
  private stopping = false
  private loops: Promise<void>[] = []

  constructor(
    private readonly port: number,
    private readonly size: number,
    private readonly thinkMs = 300,
  ) {}

  start(): void {
    this.stopping = false
    this.loops = Array.from({ length: this.size }, () => this.loop())
  }

  /** Lets each resident finish the journey in hand (so that every journey an outage met is sent), then stop. */
  async stop(): Promise<void> {
    this.stopping = true
    await Promise.all(this.loops)
  }

  private isStopping(): boolean {
    return this.stopping
  }

  repliesBetween(from: number, to: number): Reply[] {
    return this.replies.filter((reply) => reply.startedAt >= from && reply.startedAt < to)
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const resident = new Resident(new Browser(this.port, residentAddress(), (reply) => this.replies.push(reply)), {
        thinkMs: this.thinkMs,
      })
      try {
        await resident.browse()
        if (this.isStopping()) return
        await this.journey(resident)
      } catch (err) {
        if (!(err instanceof GaveUp)) throw err
        this.gaveUp++
      }
    }
  }

  private async journey(resident: Resident): Promise<void> {
    for (const [pageKey, fields] of JOURNEY) await resident.answer(pageKey, fields)
    await resident.submit()
    if (resident.reference) this.references.push(resident.reference)
  }
}
