import forge from 'node-forge';

const { asn1, pki, pkcs12 } = forge;
type Asn1 = forge.asn1.Asn1;

/** Iterations for the RC2 key, the 3DES key and the MAC: OpenSSL 1.x `pkcs12 -export` used 2048. */
const ITERATIONS = 2048;

/**
 * A PKCS12 laid out as OpenSSL 1.x (and so older FMCs) wrote it: key bag under
 * PBE-SHA1-3DES, certificate bag under PBE-SHA1-RC2-40, SHA-1 MAC. OpenSSL 3 refuses RC2-40
 * unless its legacy provider is loaded, which is what makes these files worth testing.
 * forge writes the certificate bag unencrypted, so it is encrypted here after the fact.
 */
export function legacyPkcs12Der(
  key: forge.pki.rsa.PrivateKey,
  chain: forge.pki.Certificate[],
  password: string,
): string {
  const plain = pkcs12.toPkcs12Asn1(key, chain, password, {
    algorithm: '3des',
    count: ITERATIONS,
    useMac: false,
  });
  const authSafe = asn1.fromDer(authSafeBytes(plain));
  const [certInfo, keyInfo] = authSafe.value as Asn1[];
  if (!certInfo || !keyInfo) throw new Error('legacyPkcs12Der: forge left out a safe');
  const safes = seq([encryptWithRc2(dataContent(certInfo), password), keyInfo]);
  return asn1.toDer(pfxWithMac(asn1.toDer(safes).getBytes(), password)).getBytes();
}

/** PFX -> authSafe ContentInfo -> [0] -> OCTET STRING holding the AuthenticatedSafe. */
function authSafeBytes(pfx: Asn1): string {
  const contentInfo = (pfx.value as Asn1[])[1];
  if (!contentInfo) throw new Error('legacyPkcs12Der: forge PFX has no authSafe');
  return dataContent(contentInfo);
}

/** The bytes inside a ContentInfo of type data: SEQUENCE { OID, [0] { OCTET STRING } }. */
function dataContent(contentInfo: Asn1): string {
  const explicit = (contentInfo.value as Asn1[])[1];
  const octets = (explicit?.value as Asn1[] | undefined)?.[0];
  if (typeof octets?.value !== 'string') {
    throw new Error('legacyPkcs12Der: ContentInfo without data octets');
  }
  return octets.value;
}

/** ContentInfo of type encryptedData (PKCS#7) under pbeWithSHAAnd40BitRC2-CBC. */
function encryptWithRc2(safeContents: string, password: string): Asn1 {
  const salt = forge.random.getBytesSync(8);
  const saltBuffer = forge.util.createBuffer(salt);
  const key = pkcs12.generateKey(password, saltBuffer, 1, ITERATIONS, 5);
  const iv = pkcs12.generateKey(password, saltBuffer, 2, ITERATIONS, 8);
  const cipher = forge.rc2.createEncryptionCipher(key, 40);
  cipher.start(iv);
  cipher.update(forge.util.createBuffer(safeContents));
  cipher.finish();
  const algorithm = seq([oid('pbewithSHAAnd40BitRC2-CBC'), seq([octets(salt), int(ITERATIONS)])]);
  const encrypted = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, cipher.output.getBytes());
  const encryptedData = seq([int(0), seq([oid('data'), algorithm, encrypted])]);
  return seq([oid('encryptedData'), explicit0(encryptedData)]);
}

/** PFX version 3 with its HMAC-SHA1 over the AuthenticatedSafe, as PKCS#12 v1.0 defines it. */
function pfxWithMac(authSafe: string, password: string): Asn1 {
  const salt = forge.random.getBytesSync(8);
  const macKey = pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, ITERATIONS, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey);
  hmac.update(authSafe);
  const digestInfo = seq([
    seq([oid('sha1'), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
    octets(hmac.digest().getBytes()),
  ]);
  const contentInfo = seq([oid('data'), explicit0(octets(authSafe))]);
  return seq([int(3), contentInfo, seq([digestInfo, octets(salt), int(ITERATIONS)])]);
}

function seq(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

function explicit0(item: Asn1): Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]);
}

function oid(name: string): Asn1 {
  const dotted = pki.oids[name];
  if (!dotted) throw new Error(`legacyPkcs12Der: forge knows no OID named ${name}`);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
}

function octets(bytes: string): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
}

function int(n: number): Asn1 {
  const bytes = asn1.integerToDer(n).getBytes();
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes);
}
