/** Structured logs on stderr: one line per event, as text or as JSON. Never given secrets. */
export type LogFormat = 'text' | 'json';

export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: Level, event: string, fields?: Record<string, unknown>): void;
}

function textValue(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

export function createLogger(format: LogFormat, out: NodeJS.WritableStream = process.stderr):
  Logger {
  return {
    log(level, event, fields = {}) {
      if (format === 'json') {
        out.write(`${JSON.stringify({
          time: new Date().toISOString(), level, event, ...fields,
        })}\n`);
        return;
      }
      const parts = Object.entries(fields).filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${textValue(v)}`);
      out.write(`estreamer: ${level === 'info' ? '' : `${level}: `}${event}${
        parts.length ? ` ${parts.join(' ')}` : ''}\n`);
    },
  };
}
