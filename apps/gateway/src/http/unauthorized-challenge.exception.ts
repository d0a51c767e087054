import { UnauthorizedException } from '@nestjs/common';

/**
 * A 401 that names the authentication scheme the client may answer with
 * (`WWW-Authenticate`, RFC 9110 §11.6.1). The message filter writes the header.
 */
export class UnauthorizedChallengeException extends UnauthorizedException {
  constructor(
    message: string,
    readonly challenge: string,
  ) {
    super(message);
  }
}
