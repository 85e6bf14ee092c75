import { useState } from 'preact/hooks';
import type { LoginResponse, RegisterRequest } from '@o2o/contracts';
import { api, ApiError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { currentLanguage, problemText, t } from './i18n';
import { saveSession } from './session';

/**
 * Sign in, or create an account (which mails a link to confirm the email address, in the shop's
 * language). One form, two modes: the fields a shopper needs, and a refusal in their words.
 */
export function SignInForm() {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const registering = mode === 'register';
  const m = t();

  const submit = async (event: Event) => {
    event.preventDefault();
    const session = await run(
      () =>
        registering
          ? api<LoginResponse>('/auth/register', {
              body: {
                name: name.trim(),
                email: email.trim(),
                password,
                locale: currentLanguage(),
              } satisfies RegisterRequest,
            })
          : api<LoginResponse>('/auth/login', { body: { email: email.trim(), password } }),
      refusalInWords,
    );
    if (session) saveSession(session);
  };

  const switchTo = (next: 'signin' | 'register') => {
    setMode(next);
    setError(null);
  };

  return (
    <form class="checkout signin" onSubmit={submit}>
      <h2>{registering ? m.createAccount : m.signIn}</h2>
      {registering && (
        <label>
          {m.yourName}
          <input
            data-testid="register-name"
            autoComplete="name"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
      )}
      <label>
        {m.emailLabel}
        <input
          data-testid="signin-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        {registering ? m.newPassword : m.password}
        <input
          data-testid="signin-password"
          type="password"
          autoComplete={registering ? 'new-password' : 'current-password'}
          required
          minLength={registering ? 8 : undefined}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="notice error" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <button data-testid="signin-submit" class="big" type="submit" disabled={busy}>
        {busy ? m.oneMoment : registering ? m.createAccountButton : m.signIn}
      </button>
      <p class="muted">
        {registering ? m.haveAccount : m.newHere}{' '}
        <button
          type="button"
          class="link-button"
          data-testid={registering ? 'show-signin' : 'show-register'}
          onClick={() => switchTo(registering ? 'signin' : 'register')}
        >
          {registering ? m.signIn : m.createAccount}
        </button>
      </p>
    </form>
  );
}

/** The two refusals a shopper meets most, said exactly; the rest as the shop says problems. */
function refusalInWords(failure: unknown): string {
  const m = t();
  if (failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') return m.wrongPassword;
  const fields = failure instanceof ApiError ? (failure.detailsOf('VALIDATION_FAILED')?.fields ?? []) : [];
  if (fields.some((f) => f.field === 'email') && /exists/.test((failure as ApiError).message))
    return m.emailTaken;
  return problemText(failure);
}
