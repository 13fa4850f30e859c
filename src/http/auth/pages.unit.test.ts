import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { loginPage, signedOutPage, signInFailedPage } from './pages.ts';

const options = {
  mode: 'hosted' as const,
  next: '/at-risk',
  logins: [{ name: 'hubspot', label: 'HubSpot' }],
  tokenSignIn: true,
  error: null,
};

describe('sign-in pages', () => {
  it('speak Japanese to a Japanese reader, with no English words left', () => {
    const page = loginPage({ ...options, tr: translator('ja') });
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain('HubSpotでサインイン');
    expect(page).toContain('アクセストークン');
    expect(page).not.toMatch(/Sign in|Access token|you belong to/);
    expect(signedOutPage(translator('ja'))).toContain('セッションは終了しました。');
  });

  it('stay English by default', () => {
    const page = loginPage(options);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Sign in with HubSpot');
    expect(signedOutPage()).toContain('Your session has ended.');
  });

  it('say why a CRM sign-in failed in the reader language', () => {
    const en = signInFailedPage('not_installed', { crm: 'hubspot', account: '4711' });
    expect(en).toContain('<h1>No Vigil for this portal</h1>');
    expect(en).toContain(
      'Vigil is not installed in HubSpot portal 4711. Ask a super admin to install it, then sign in again.',
    );
    const ja = signInFailedPage('expired', { crm: 'salesforce' }, translator('ja'));
    expect(ja).toContain('サインインのリンクの期限が切れました');
    expect(ja).toContain('サインインに戻る');
    expect(ja).not.toMatch(/Sign-in|Back to/);
  });
});
