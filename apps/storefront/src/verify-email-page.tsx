import type { UserView } from '@o2o/contracts';
import { api, ApiError } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { problemText, t, useTitle } from './i18n';
import { onLinkClick } from './router';
import { loadSession, saveSession } from './session';

/** /shop/account/verify?token= — the link from the verification email: spends it once, says how it went. */
export function VerifyEmailPage({ token }: { token: string }) {
  const m = t();
  useTitle(m.confirmEmail);
  const result = useLoad(async () => {
    const user = await api<UserView>('/auth/verify-email', { body: { token } });
    const session = loadSession();
    if (session?.user.id === user.id) saveSession({ ...session, user });
    return user;
  }, [token]);
  return (
    <main class="page narrow">
      <h1>{m.confirmEmail}</h1>
      {result.loading && <p>{m.oneMoment}</p>}
      {result.value && (
        <p class="notice" data-testid="verify-result" data-verified="true">
          {m.emailConfirmed(result.value.email)}
        </p>
      )}
      {result.failure != null && (
        <p class="notice error" data-testid="verify-result" data-verified="false">
          {refusalInWords(result.failure)}
        </p>
      )}
      <p>
        <a class="link-button" href="/shop/account" onClick={onLinkClick}>
          {m.goToAccount}
        </a>
      </p>
    </main>
  );
}

function refusalInWords(failure: unknown): string {
  if (!(failure instanceof ApiError) || failure.code !== 'VERIFICATION_LINK_INVALID')
    return problemText(failure);
  return failure.detailsOf('VERIFICATION_LINK_INVALID')?.reason === 'used' ? t().linkUsed : t().linkExpired;
}
