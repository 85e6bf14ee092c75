import { useState } from 'preact/hooks';
import type { LoginResponse, RegisterRequest } from '../../../libs/contracts/src';
import { api, ApiError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { saveSession } from './session';

/**
 * Sign in, or create an account (which mails a link to confirm the email address). One form, two
 * modes: the fields a shopper needs and the words of the server's refusal when it refuses.
 */
export function SignInForm() {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const registering = mode === 'register';

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
                locale: pageLocale(),
              } satisfies RegisterRequest,
            })
          : api<LoginResponse>('/auth/login', { body: { email: email.trim(), password } }),
      emailTakenInWords,
    );
    if (session) saveSession(session);
  };

  const switchTo = (next: 'signin' | 'register') => {
    setMode(next);
    setError(null);
  };

  return (
    <form class="checkout signin" onSubmit={submit}>
      <h2>{registering ? 'Create an account' : 'Sign in'}</h2>
      {registering && (
        <label>
          Your name
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
        Email
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
        Password{registering && ' (at least 8 characters)'}
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
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <button data-testid="signin-submit" class="big" type="submit" disabled={busy}>
        {busy ? 'One moment…' : registering ? 'Create account' : 'Sign in'}
      </button>
      <p class="muted">
        {registering ? 'Have an account already? ' : 'New here? '}
        <button
          type="button"
          class="link-button"
          data-testid={registering ? 'show-signin' : 'show-register'}
          onClick={() => switchTo(registering ? 'signin' : 'register')}
        >
          {registering ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </form>
  );
}

/** The language the page is shown in decides the language of the mails. */
function pageLocale(): 'nl' | 'en' {
  return document.documentElement.lang.startsWith('nl') ? 'nl' : 'en';
}

/** "An account with this email exists already" says more than the field list ("email is taken"). */
function emailTakenInWords(failure: unknown): string | void {
  const fields =
    failure instanceof ApiError ? ((failure.details.fields ?? []) as Array<{ field: string }>) : [];
  if (failure instanceof ApiError && fields.some((f) => f.field === 'email')) return failure.message;
}
