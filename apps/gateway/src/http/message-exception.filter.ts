import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, throwError } from 'rxjs';
import {
  DEPENDENCY_DOWN_MESSAGE,
  isDependencyDown,
  RETRY_AFTER_SECONDS,
} from './dependency-unavailable';
import { TooManyFailuresException } from './failure-throttle';
import { UnauthorizedChallengeException } from './unauthorized-challenge.exception';

/**
 * Every HTTP error answer has the contract's shape: `{"message": "..."}`. A dependency that is
 * down is a 503 with `Retry-After` (as is every 503); 500 is left for real bugs.
 */
@Catch()
export class MessageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(MessageExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Kafka handlers in this app get the original error back, for the transport to classify.
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      if (exception instanceof UnauthorizedChallengeException) {
        response.setHeader('WWW-Authenticate', exception.challenge);
      }
      if (exception instanceof TooManyFailuresException) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      const status = exception.getStatus();
      if (status === 503) askToRetry(response);
      response.status(status).json({ message: messageOf(exception) });
      return;
    }
    const clientError = exposedClientError(exception);
    if (clientError !== null) {
      response.status(clientError.status).json({ message: clientError.message });
      return;
    }
    const detail =
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
    if (isDependencyDown(exception)) {
      this.logger.warn(`A dependency is down: ${detail}`);
      askToRetry(response);
      response.status(503).json({ message: DEPENDENCY_DOWN_MESSAGE });
      return;
    }
    this.logger.error(detail);
    response.status(500).json({ message: 'Internal error; the details are in the gateway log' });
  }
}

function askToRetry(response: Response): void {
  if (!response.hasHeader('Retry-After')) {
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  }
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * The body parsers reject a request with an http-errors error (a too-large body is 413, an
 * unknown charset 415); its 4xx message is safe to show (`expose`).
 */
function exposedClientError(exception: unknown): { status: number; message: string } | null {
  if (!(exception instanceof Error)) return null;
  const { status, expose } = exception as Error & { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return null;
  return { status, message: exception.message };
}
