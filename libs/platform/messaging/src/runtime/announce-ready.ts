/**
 * Says that a service is ready, whatever LOG_LEVEL is: process managers, `npm start` and the
 * tests wait for this line. It is a log entry in the services' JSON format, at info level.
 */
export function announceReady(service: string, message: string): void {
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), service, msg: message })}\n`,
  );
}
