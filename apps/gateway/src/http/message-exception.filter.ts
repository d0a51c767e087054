import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, throwError } from 'rxjs';
import { UnauthorizedChallengeException } from './unauthorized-challenge.exception';

/** Every HTTP error answer has the contract's shape: `{"message": "..."}`. */
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
      const message = messageOf(exception);
      response.status(exception.getStatus()).json({ message });
      return;
    }
    const clientError = exposedClientError(exception);
    if (clientError !== null) {
      response.status(clientError.status).json({ message: clientError.message });
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    response.status(500).json({ message: 'Internal error; the details are in the gateway log' });
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
