import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { makeCertificateSet, makePkcs12, type CertificateSet } from './certs.js';
import { CredentialError } from './credential-error.js';

const FILE_NAMES = {
  ca: 'ca.pem',
  serverCert: 'server.pem',
  serverKey: 'server.key',
  clientP12: 'client.p12',
  clientPass: 'client.pass',
} as const;

type FileRole = keyof typeof FILE_NAMES;
export type CertDirPaths = Record<FileRole, string>;

/** Files that hold a key or what unlocks one: owner-only. */
const SECRET: ReadonlySet<FileRole> = new Set(['serverKey', 'clientP12', 'clientPass']);

export interface CertDirOptions {
  /** Write client.p12 in the OpenSSL 1.x layout (RC2-40/3DES) older FMCs use. */
  legacyP12?: boolean;
}

export interface CertDirFiles {
  dir: string;
  paths: CertDirPaths;
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientP12: Buffer;
  clientPassword: string;
  /** False when every file was already there and was reused. */
  created: boolean;
}

export async function writeCertDir(
  dir: string,
  set: CertificateSet,
  password: string,
  opts: CertDirOptions = {},
): Promise<CertDirFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const legacy = opts.legacyP12 ?? false;
  const p12 = makePkcs12(set.clientCertPem, set.clientKeyPem, set.caCertPem, password, { legacy });
  const files: CertDirFiles = {
    dir,
    paths: pathsIn(dir),
    caPem: set.caCertPem,
    serverCertPem: set.serverCertPem,
    serverKeyPem: set.serverKeyPem,
    clientP12: p12,
    clientPassword: password,
    created: true,
  };
  for (const [role, data] of Object.entries(contentsOf(files)) as [FileRole, string | Buffer][]) {
    await writeFileAtomic(files.paths[role], data, SECRET.has(role) ? 0o600 : 0o644);
  }
  return files;
}

/**
 * Reuses the five files when all exist, creates all five when none does (a fresh CA, a server
 * certificate for 127.0.0.1 and localhost, a client PKCS12 under a random password). A partial
 * set is refused: without the CA key, which is never stored, no missing piece can be issued.
 */
export async function loadOrCreateCertDir(
  dir: string,
  opts: CertDirOptions = {},
): Promise<CertDirFiles> {
  const paths = pathsIn(dir);
  const present = await presentRoles(paths);
  if (present.length === Object.keys(FILE_NAMES).length) return readCertDir(dir, paths);
  if (present.length > 0) throw incomplete(dir, present);
  // TODO(cert-dir-lock): two processes creating the same directory at once can interleave
  // their files; nothing locks the directory.
  return writeCertDir(dir, makeCertificateSet(), randomBytes(18).toString('base64url'), opts);
}

function pathsIn(dir: string): CertDirPaths {
  const entries = Object.entries(FILE_NAMES).map(([role, name]) => [role, join(dir, name)]);
  return Object.fromEntries(entries) as CertDirPaths;
}

function contentsOf(files: CertDirFiles): Record<FileRole, string | Buffer> {
  return {
    ca: files.caPem,
    serverCert: files.serverCertPem,
    serverKey: files.serverKeyPem,
    clientP12: files.clientP12,
    clientPass: `${files.clientPassword}\n`,
  };
}

async function presentRoles(paths: CertDirPaths): Promise<FileRole[]> {
  const roles = Object.keys(paths) as FileRole[];
  const exists = (path: string) => access(path).then(() => true, () => false);
  const found = await Promise.all(roles.map((role) => exists(paths[role])));
  return roles.filter((_, i) => found[i]);
}

async function readCertDir(dir: string, paths: CertDirPaths): Promise<CertDirFiles> {
  const text = (role: FileRole) => readFile(paths[role], 'utf8');
  return {
    dir,
    paths,
    caPem: await text('ca'),
    serverCertPem: await text('serverCert'),
    serverKeyPem: await text('serverKey'),
    clientP12: await readFile(paths.clientP12),
    clientPassword: (await text('clientPass')).replace(/\r?\n$/, ''),
    created: false,
  };
}

function incomplete(dir: string, present: FileRole[]): CredentialError {
  const names = (roles: FileRole[]) => roles.map((role) => FILE_NAMES[role]).join(', ');
  const missing = (Object.keys(FILE_NAMES) as FileRole[]).filter((r) => !present.includes(r));
  const reason =
    `has ${names(present)} but lacks ${names(missing)}; ` +
    'remove the directory to have it recreated, or supply the missing files';
  return new CredentialError('incomplete-cert-dir', dir, reason, 'certificate directory');
}
