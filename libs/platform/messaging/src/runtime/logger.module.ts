import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs (pino) for every service; readable lines when LOG_FORMAT=pretty is not needed. */
export function loggerModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      autoLogging: false,
      redact: ['req.headers.authorization'],
    },
  });
}
