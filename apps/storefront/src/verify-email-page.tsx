import type { UserView } from '../../../libs/contracts/src';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { onLinkClick } from './router';
import { loadSession, saveSession } from './session';

/** /shop/account/verify?token= — the link from the verification email: spends it once, says how it went. */
export function VerifyEmailPage({ token }: { token: string }) {
  const result = useLoad(async () => {
    const user = await api<UserView>('/auth/verify-email', { body: { token } });
    const session = loadSession();
    if (session?.user.id === user.id) saveSession({ ...session, user });
    return user;
  }, [token]);
  return (
    <main class="page narrow">
      <h1>Confirm your email</h1>
      {result.loading && <p>One moment…</p>}
      {result.value && (
        <p class="notice" data-testid="verify-result" data-verified="true">
          Thank you: {result.value.email} is confirmed. The orders you placed with it show in your account.
        </p>
      )}
      {result.error && (
        <p class="notice error" data-testid="verify-result" data-verified="false">
          {result.error}
        </p>
      )}
      <p>
        <a href="/shop/account" onClick={onLinkClick}>
          Go to your account
        </a>
      </p>
    </main>
  );
}
