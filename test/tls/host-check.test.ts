import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { checkApplianceIdentity } from '../../runtime/tls/host-check.js';

/** Only the two fields the check reads; the rest of PeerCertificate is irrelevant here. */
function peer(cn: string | string[] | undefined, san?: string): PeerCertificate {
  return { subject: cn === undefined ? {} : { CN: cn }, subjectaltname: san } as PeerCertificate;
}

describe('checkApplianceIdentity', () => {
  it('accepts an IP that only the subject CN carries, as FMC certificates do', () => {
    expect(checkApplianceIdentity('10.1.2.3', peer('10.1.2.3'))).toBeUndefined();
  });

  it('accepts IP and DNS SAN entries', () => {
    const cert = peer('fmc', 'DNS:FMC.example.org, IP Address:10.1.2.3');
    expect(checkApplianceIdentity('10.1.2.3', cert)).toBeUndefined();
    expect(checkApplianceIdentity('fmc.example.org.', cert)).toBeUndefined();
  });

  it('compares IPv6 addresses however they are spelled', () => {
    const cert = peer(undefined, 'IP Address:FD00:0:0:0:0:0:0:1');
    expect(checkApplianceIdentity('fd00::1', cert)).toBeUndefined();
    expect(checkApplianceIdentity('[fd00::1]', cert)).toBeUndefined();
  });

  it('accepts any of repeated CN attributes', () => {
    expect(checkApplianceIdentity('10.1.2.3', peer(['fmc', '10.1.2.3']))).toBeUndefined();
  });

  it('names the host and what the certificate holds when refusing', () => {
    const error = checkApplianceIdentity('10.1.2.4', peer('10.1.2.3', 'IP Address:10.1.2.3'));
    expect(error?.message).toBe(
      'server certificate does not name host 10.1.2.4 ' +
        '(it holds CN=10.1.2.3; SAN IP Address:10.1.2.3)',
    );
    expect(checkApplianceIdentity('10.1.2.4', peer(undefined))?.message).toBe(
      'server certificate does not name host 10.1.2.4 (it holds CN=(none); SAN (none))',
    );
  });

  it('does not treat a URI or e-mail SAN as a host', () => {
    const cert = peer(undefined, 'URI:10.1.2.3, email:10.1.2.3');
    expect(checkApplianceIdentity('10.1.2.3', cert)).toBeInstanceOf(Error);
  });
});
