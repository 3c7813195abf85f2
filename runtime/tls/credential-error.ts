/** Why client credentials could not be used; callers switch on this, not on the message. */
export type CredentialErrorCode =
  | 'missing-file'
  | 'unreadable-file'
  | 'not-pkcs12'
  | 'unsupported-pkcs12'
  | 'wrong-password'
  | 'no-private-key'
  | 'no-certificate'
  | 'key-mismatch'
  | 'incomplete-cert-dir';

/**
 * A credential file that cannot be used. The message is one line that names the file, e.g.
 * "PKCS12 file /etc/fmc/client.p12: wrong password (MAC check failed)", so a CLI can print it.
 */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';

  constructor(
    readonly code: CredentialErrorCode,
    /** The file or directory at fault, as the caller named it. */
    readonly source: string,
    reason: string,
    kind = 'PKCS12 file',
  ) {
    super(`${kind} ${source}: ${reason}`);
  }
}

export function isCredentialError(e: unknown): e is CredentialError {
  return e instanceof Error && e.name === 'CredentialError';
}
