import { useState } from 'preact/hooks';
import type { LoginResponse, RegisterRequest } from '@o2o/contracts';
import { api, ApiError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { describedBy, EMAIL, FieldError } from './fields';
import { currentLanguage, problemText, t } from './i18n';
import { saveSession } from './session';

/** The server's rule for a new password, said before asking it. */
const MIN_PASSWORD = 8;

/**
 * Sign in, or create an account (which mails a link to confirm the email address, in the shop's
 * language). One form, two modes: the fields a shopper needs, and a refusal in their words.
 */
export function SignInForm() {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'name' | 'email' | 'password', string>>>({});
  const { busy, error, setError, run } = useAction();
  const registering = mode === 'register';
  const m = t();

  /** What the page can tell before asking the server, in the shop's words beside each field. */
  const check = () => {
    const found: typeof problems = {};
    if (registering && !name.trim()) found.name = m.fieldErrors.name;
    if (!EMAIL.test(email.trim())) found.email = m.fieldErrors.email;
    if (registering && password.length < MIN_PASSWORD) found.password = m.passwordTooShort(MIN_PASSWORD);
    else if (!password) found.password = m.enterPassword;
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length) return;
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
    setProblems({});
  };

  return (
    <form class="checkout signin" onSubmit={submit} noValidate>
      <h2>{registering ? m.createAccount : m.signIn}</h2>
      {registering && (
        <label>
          {m.yourName}
          <input
            data-testid="register-name"
            autoComplete="name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            {...describedBy('name', problems.name)}
          />
          <FieldError field="name" problem={problems.name} />
        </label>
      )}
      <label>
        {m.emailLabel}
        <input
          data-testid="signin-email"
          type="email"
          autoComplete="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          {...describedBy('email', problems.email)}
        />
        <FieldError field="email" problem={problems.email} />
      </label>
      <label>
        {registering ? m.newPassword : m.password}
        <input
          data-testid="signin-password"
          type="password"
          autoComplete={registering ? 'new-password' : 'current-password'}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          {...describedBy('password', problems.password)}
        />
        <FieldError field="password" problem={problems.password} />
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
