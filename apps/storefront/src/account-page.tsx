import type { LocationView, OrderView, Page, UserView, VariantView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useAction, useLoad } from '../../shared/hooks';
import { currentLanguage, money, problemText, t, useTitle } from './i18n';
import { navigate, onLinkClick } from './router';
import { saveSession, useSession, type Session } from './session';
import { SignInForm } from './signin-form';
import { addToCart } from './store';

/** /shop/account — signed out: sign in or register; signed in: the shopper's orders, newest first. */
export function AccountPage() {
  const session = useSession();
  const m = t();
  useTitle(session ? m.yourAccount : m.signIn);
  return (
    <main class="page narrow account-page">
      <h1>{m.yourAccount}</h1>
      {session ? <SignedIn session={session} /> : <SignInForm />}
    </main>
  );
}

function SignedIn({ session }: { session: Session }) {
  const token = session.accessToken;
  const me = useLoad(() => api<UserView>('/me', { token }), [token]);
  const orders = useLoad(() => api<Page<OrderView>>('/orders/mine', { token }), [token]);
  const locations = useLoad(() => api<{ items: LocationView[] }>('/locations?limit=500'), []);
  const storeName = (id: string) => locations.value?.items.find((l) => l.id === id)?.name ?? m.theStore;
  const resend = useAction();
  const reorder = useAction();
  const m = t();
  const verified = (me.value ?? session.user).emailVerified;

  /** The order's lines at today's prices (the server decides them again at checkout). */
  const putInCart = async (order: OrderView) => {
    const lines = order.lines.filter((line) => line.status !== 'cancelled');
    const variants = await reorder.run(
      () => Promise.all(lines.map((line) => api<VariantView>(`/variants/${encodeURIComponent(line.sku)}`))),
      (failure) => problemText(failure),
    );
    if (!variants) return;
    variants.forEach((variant, i) =>
      addToCart(
        { sku: variant.sku, title: lines[i].title, price: variant.price, productId: variant.productId },
        lines[i].qty,
      ),
    );
    navigate('/shop/cart');
  };

  const sendLinkAgain = () =>
    resend.run(
      () => api('/auth/verify-email/resend', { body: { locale: currentLanguage() }, token }),
      (failure) => problemText(failure),
    );

  return (
    <>
      <p class="account-who">
        {m.signedInAs(session.user.name, session.user.email)}{' '}
        <button class="link-button" data-testid="signout" onClick={() => saveSession(null)}>
          {m.signOut}
        </button>
      </p>
      {verified === false && (
        <p class="notice" data-testid="verify-notice">
          {m.confirmEmailNotice}{' '}
          <button class="link-button" disabled={resend.busy} onClick={() => void sendLinkAgain()}>
            {m.sendLinkAgain}
          </button>
        </p>
      )}
      {resend.error && <p class="notice error">{resend.error}</p>}
      <h2>{m.yourOrders}</h2>
      {orders.failure != null && <p class="notice error">{problemText(orders.failure)}</p>}
      {reorder.error && <p class="notice error">{reorder.error}</p>}
      {orders.value?.items.length === 0 && <p class="muted">{m.noOrdersYet}</p>}
      <ul class="order-history">
        {orders.value?.items.map((order) => (
          <li
            key={order.id}
            class="card"
            data-testid="order-history-row"
            data-order-id={order.id}
            data-status={order.status}
          >
            <a href={`/shop/orders/${order.id}`} onClick={onLinkClick} class="order-history-link">
              <span class="eyebrow">{m.orderNumber(order.number)}</span>
              <span class={`pill status-${order.status}`}>{m.orderStatus[order.status] ?? order.status}</span>
            </a>
            <p class="muted">
              {m.orderedOn(dateOf(order.createdAt))} ·{' '}
              {order.fulfillment.type === 'ship'
                ? m.shipping
                : m.pickupAt(storeName(order.fulfillment.locationId))}{' '}
              · {m.itemCount(order.lines.reduce((n, line) => n + line.qty, 0))}
            </p>
            <p class="order-history-foot">
              <strong>{money(order.total)}</strong>
              <button data-testid="reorder" disabled={reorder.busy} onClick={() => void putInCart(order)}>
                {m.orderAgain}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function dateOf(iso: string): string {
  return new Date(iso).toLocaleDateString(currentLanguage() === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}
