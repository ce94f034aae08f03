import { Secret, TOTP } from 'otpauth'
import { onFirstUse } from '../../shared/on-first-use'

const ISSUER = 'Consultation Hub'

const qrcode = onFirstUse(async () => (await import('qrcode')).default)

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

const totpFor = (secret: string, label = 'officer') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })

/** Accepts the current code and one step either side, for clock drift. */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  const cleaned = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(cleaned)) return false
  return totpFor(secret).validate({ token: cleaned, timestamp: at.getTime(), window: 1 }) !== null
}

export const currentTotp = (secret: string, at: Date): string => totpFor(secret).generate({ timestamp: at.getTime() })

/** The otpauth:// URI as an SVG QR code, to render inline (no script, no external request). */
export async function totpQrSvg(secret: string, label: string): Promise<string> {
  return (await qrcode()).toString(totpFor(secret, label).toString(), {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
  })
}

/** The secret grouped in fours, for typing into an app by hand. */
export const spacedSecret = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim()
