// Structured logs (pino) on stderr; secrets are redacted wherever they appear in a log object.
import pino from 'pino';

export type Logger = pino.Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const REDACT = [
  'token', 'password', 'secret', 'authorization', 'webhookUrl',
  '*.token', '*.password', '*.secret', '*.authorization', '*.webhookUrl',
  'headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie',
];

export function createLogger(level: string, destination: pino.DestinationStream | number = 2): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, base: { name: 'dvc-monitor' }, redact: { paths: REDACT, censor: '[redacted]' } }, stream);
}
