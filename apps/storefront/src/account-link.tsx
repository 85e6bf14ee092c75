import './account.css';
import { t } from './i18n';
import { onLinkClick } from './router';
import { useSession } from './session';

/** The header's way to the account: "Sign in" until the shopper is signed in, then their account. */
export function AccountLink() {
  const session = useSession();
  return (
    <a class="account-link" data-testid="nav-account" href="/shop/account" onClick={onLinkClick}>
      {session ? t().account : t().signIn}
    </a>
  );
}
