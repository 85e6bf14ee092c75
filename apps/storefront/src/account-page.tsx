import type { OrderView, Page, UserView, VariantView } from '../../../libs/contracts/src';
import { api } from '../../shared/api';
import { formatMoney, STATUS_LABELS } from '../../shared/format';
import { useAction, useLoad } from '../../shared/hooks';
import { navigate, onLinkClick } from './router';
import { saveSession, useSession, type Session } from './session';
import { SignInForm } from './signin-form';
import { addToCart } from './store';

/** /shop/account — signed out: sign in or register; signed in: the shopper's orders, newest first. */
export function AccountPage() {
  const session = useSession();
  return (
    <main class="page narrow account-page">
      <h1>Your account</h1>
      {session ? <SignedIn session={session} /> : <SignInForm />}
    </main>
  );
}

function SignedIn({ session }: { session: Session }) {
  const token = session.accessToken;
  const me = useLoad(() => api<UserView>('/me', { token }), [token]);
  const orders = useLoad(() => api<Page<OrderView>>('/orders/mine', { token }), [token]);
  const resend = useAction();
  const reorder = useAction();
  const verified = (me.value ?? session.user).emailVerified;

  const putInCart = async (order: OrderView) => {
    const lines = order.lines.filter((line) => line.status !== 'cancelled');
    const variants = await reorder.run(() =>
      Promise.all(lines.map((line) => api<VariantView>(`/variants/${encodeURIComponent(line.sku)}`))),
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

  return (
    <>
      <p class="account-who">
        Signed in as <strong>{session.user.name}</strong> ({session.user.email}){' '}
        <button class="link-button" data-testid="signout" onClick={() => saveSession(null)}>
          Sign out
        </button>
      </p>
      {verified === false && (
        <p class="notice" data-testid="verify-notice">
          Confirm your email address with the link we sent you: then the orders you placed as a guest with it
          show here too.{' '}
          <button
            class="link-button"
            disabled={resend.busy}
            onClick={() => void resend.run(() => api('/auth/verify-email/resend', { body: {}, token }))}
          >
            Send the link again
          </button>
        </p>
      )}
      {resend.error && <p class="notice error">{resend.error}</p>}
      <h2>Your orders</h2>
      {orders.error && <p class="notice error">{orders.error}</p>}
      {reorder.error && <p class="notice error">{reorder.error}</p>}
      {orders.value && orders.value.items.length === 0 && <p class="muted">No orders yet.</p>}
      <ul class="order-history">
        {orders.value?.items.map((order) => (
          <li
            key={order.id}
            class="card order-history-row"
            data-testid="order-history-row"
            data-order-id={order.id}
            data-status={order.status}
          >
            <a href={`/shop/orders/${order.id}`} onClick={onLinkClick} class="order-history-link">
              <span class="eyebrow">Order #{order.number}</span>
              <span class={`pill status-${order.status}`}>{STATUS_LABELS[order.status] ?? order.status}</span>
            </a>
            <p class="muted">
              {formatDate(order.createdAt)} · {order.fulfillment.type === 'ship' ? 'Shipping' : 'Pickup'} ·{' '}
              {order.lines.reduce((n, line) => n + line.qty, 0)} items
            </p>
            <p class="order-history-foot">
              <strong>{formatMoney(order.total)}</strong>
              <button data-testid="reorder" disabled={reorder.busy} onClick={() => void putInCart(order)}>
                Order again
              </button>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium' }).format(
    new Date(iso),
  );
}
