import { useEffect, useState } from 'preact/hooks';
import { AccountLink } from './account-link';
import { AccountPage } from './account-page';
import { loadCart, onCartChange } from './store';
import { OrderPage } from './order-page';
import { navigate, onLinkClick, useRoute } from './router';
import { ScanPage } from './scan-page';
import { CartPage, HomePage, ProductPage } from './shop-pages';
import { VerifyEmailPage } from './verify-email-page';

export function App() {
  const route = useRoute();
  const [cartCount, setCartCount] = useState(() => loadCart().reduce((n, l) => n + l.qty, 0));
  useEffect(() => onCartChange(() => setCartCount(loadCart().reduce((n, l) => n + l.qty, 0))), []);
  return (
    <>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="shop-header">
        <a class="shop-brand" href="/shop" onClick={onLinkClick}>
          O2O Shop
        </a>
        <AccountLink />
        <a
          class="cart-link"
          href="/shop/cart"
          onClick={onLinkClick}
          aria-label={cartCount ? `Cart, ${cartCount} ${cartCount === 1 ? 'item' : 'items'}` : 'Cart'}
        >
          Cart{cartCount > 0 && <span class="badge">{cartCount}</span>}
        </a>
      </header>
      <div id="content">
        {route.page === 'home' && <HomePage q={route.q} />}
        {route.page === 'product' && <ProductPage id={route.id} sku={route.sku} />}
        {route.page === 'cart' && <CartPage />}
        {route.page === 'order' && <OrderPage id={route.id} token={route.token} />}
        {route.page === 'scan' && <ScanPage code={route.code} />}
        {route.page === 'account' && <AccountPage />}
        {route.page === 'verify-email' && <VerifyEmailPage token={route.token} />}
        {route.page === 'not-found' && (
          <main class="page narrow">
            <h1>Page not found</h1>
            <button onClick={() => navigate('/shop')}>Go to the shop</button>
          </main>
        )}
      </div>
    </>
  );
}
