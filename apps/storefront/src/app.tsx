import { useEffect, useState } from 'preact/hooks';
import { AccountLink } from './account-link';
import { AccountPage } from './account-page';
import { CartPage } from './cart-page';
import { FlashSaleBanner, FlashSalePage } from './flash-sale-page';
import { loadCart, onCartChange } from './store';
import { retailerName, setLanguage, t, useLanguage, useTitle, type Language } from './i18n';
import { OrderPage } from './order-page';
import { navigate, onLinkClick, useRoute } from './router';
import { ScanPage } from './scan-page';
import { HomePage, ProductPage } from './shop-pages';
import { VerifyEmailPage } from './verify-email-page';

export function App() {
  const route = useRoute();
  const language = useLanguage();
  const [cartCount, setCartCount] = useState(() => loadCart().reduce((n, l) => n + l.qty, 0));
  useEffect(() => onCartChange(() => setCartCount(loadCart().reduce((n, l) => n + l.qty, 0))), []);
  const m = t();
  return (
    <>
      <a class="skip" href="#content">
        {m.skipToContent}
      </a>
      <header class="shop-header">
        <a class="shop-brand" data-testid="shop-brand" href="/shop" onClick={onLinkClick}>
          {retailerName()}
        </a>
        <AccountLink />
        <LanguageSwitch current={language} />
        <a
          class="cart-link"
          href="/shop/cart"
          onClick={onLinkClick}
          aria-label={cartCount ? m.cartWithCount(cartCount) : m.cart}
        >
          {m.cart}
          {cartCount > 0 && <span class="badge">{cartCount}</span>}
        </a>
      </header>
      <div id="content">
        {route.page === 'home' && !route.q && <FlashSaleBanner />}
        {route.page === 'home' && <HomePage q={route.q} />}
        {route.page === 'flash' && <FlashSalePage id={route.id} />}
        {route.page === 'product' && <ProductPage id={route.id} sku={route.sku} />}
        {route.page === 'cart' && <CartPage />}
        {route.page === 'order' && <OrderPage id={route.id} token={route.token} />}
        {route.page === 'scan' && <ScanPage code={route.code} />}
        {route.page === 'account' && <AccountPage />}
        {route.page === 'verify-email' && <VerifyEmailPage token={route.token} />}
        {route.page === 'not-found' && <NotFoundPage />}
      </div>
    </>
  );
}

/** English or Dutch in one tap, each named in its own language; the choice is remembered. */
function LanguageSwitch({ current }: { current: Language }) {
  const languages: Array<{ code: Language; label: string; name: string }> = [
    { code: 'en', label: 'EN', name: 'English' },
    { code: 'nl', label: 'NL', name: 'Nederlands' },
  ];
  return (
    <div class="language-switch" role="group" aria-label={t().switchLanguage} data-testid="language-switch">
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          data-language={language.code}
          aria-label={language.name}
          aria-pressed={current === language.code ? 'true' : 'false'}
          onClick={() => setLanguage(language.code)}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}

function NotFoundPage() {
  const m = t();
  useTitle(m.pageNotFound);
  return (
    <main class="page narrow">
      <h1>{m.pageNotFound}</h1>
      <button onClick={() => navigate('/shop')}>{m.goToShop}</button>
    </main>
  );
}
