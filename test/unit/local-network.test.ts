// Address spaces as Local Network Access ranks them, and where a portal lives.
import { describe, expect, it } from 'vitest';
import { addressSpace, literalSpace, morePrivate, PortalSpace } from '../../src/checks/evidence/local-network.ts';

describe('address spaces', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['0.0.0.0', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'private'],
    ['100.64.0.1', 'private'], ['fd00::1', 'private'], ['fe80::1', 'private'], ['::ffff:10.0.0.1', 'private'],
    ['172.32.0.1', 'public'], ['203.162.4.191', 'public'], ['2001:ee0::1', 'public'],
  ])('%s is %s', (ip, space) => {
    expect(addressSpace(ip)).toBe(space);
  });

  it('names an address\'s space when the address says it, else leaves it to DNS', () => {
    expect(literalSpace('http://localhost:8080/')).toBe('loopback');
    expect(literalSpace('http://api.localhost/')).toBe('loopback');
    expect(literalSpace('http://[::1]:3000/')).toBe('loopback');
    expect(literalSpace('http://169.254.169.254/latest/meta-data/')).toBe('private');
    expect(literalSpace('https://dichvucong.gov.vn/')).toBeNull();
    expect(morePrivate('loopback', 'public')).toBe(true);
    expect(morePrivate('private', 'private')).toBe(false);
    expect(morePrivate('public', 'loopback')).toBe(false);
  });
});

describe('where the portal lives', () => {
  it('is the address it is asked at, an address that stands for a public one being public', () => {
    expect(new PortalSpace('http://10.0.0.5/', [], () => undefined).get()).toBe('private');
    expect(new PortalSpace('http://127.0.0.1:8730/', ['127.0.0.1:8730'], () => undefined).get()).toBe('public');
  });

  it('is learnt from the first answer when it has a name, and public until then', () => {
    let answer: string | undefined;
    const space = new PortalSpace('https://dichvucong.intranet.example/', [], () => answer);
    expect(space.get()).toBe('public');
    answer = '10.20.30.40:443';
    expect(space.get()).toBe('private');
    answer = '127.0.0.1:443';
    expect(space.get()).toBe('private');
    expect(space.spaceOf('127.0.0.1:443')).toBe('loopback');
    expect(new PortalSpace('https://kiemthu.sandbox/', ['127.0.0.1:8730'], () => '127.0.0.1:8730').get()).toBe('public');
  });
});
