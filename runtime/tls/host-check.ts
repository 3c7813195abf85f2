import { isIP } from 'node:net';
import type { PeerCertificate } from 'node:tls';

/**
 * `checkServerIdentity` for appliances reached by IP. Node's own check ignores the subject CN
 * for IP hosts, but FMC-issued certificates often carry the address only there. Accepts the
 * host when it equals an IP or DNS SAN entry or the subject CN.
 */
export function checkApplianceIdentity(host: string, cert: PeerCertificate): Error | undefined {
  const wanted = canonicalHost(host);
  const names = [...subjectAltNames(cert.subjectaltname), ...commonNames(cert)];
  // TODO(host-wildcards): "*.example" SANs are not expanded; appliance certificates name one
  // host, and a wildcard match would widen what a pinned deployment trusts.
  if (names.some((name) => canonicalHost(name) === wanted)) return undefined;
  const held = [
    `CN=${commonNames(cert).join('/') || '(none)'}`,
    `SAN ${cert.subjectaltname || '(none)'}`,
  ].join('; ');
  const error = new Error(`server certificate does not name host ${host} (it holds ${held})`);
  return Object.assign(error, { code: 'ERR_TLS_CERT_ALTNAME_INVALID', host });
}

/** Node writes SANs as "DNS:a, IP Address:1.2.3.4"; other kinds (URI, email) never name a host. */
function subjectAltNames(san: string | undefined): string[] {
  const entries = (san ?? '').split(', ');
  return entries.flatMap((entry) => {
    const match = /^(?:DNS|IP Address):(.+)$/.exec(entry);
    return match?.[1] ? [match[1]] : [];
  });
}

/** A repeated CN attribute arrives as an array despite the type saying string. */
function commonNames(cert: PeerCertificate): string[] {
  const cn: string | string[] | undefined = cert.subject?.CN;
  return cn === undefined ? [] : [cn].flat();
}

/** Case and IPv6 spelling differ between what callers type and what certificates hold. */
function canonicalHost(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 6) return new URL(`http://[${bare}]/`).hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}
