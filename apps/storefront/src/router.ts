import { useEffect, useState } from 'preact/hooks';

/** The storefront's pages, from the URL (served under /shop, plus /s/:code for scanned tags). */
export type Route =
  | { page: 'home'; q: string }
  | { page: 'product'; id: string; sku: string | null }
  | { page: 'cart' }
  | { page: 'order'; id: string; token: string | null }
  | { page: 'scan'; code: string }
  | { page: 'flash'; id: string }
  | { page: 'account' }
  | { page: 'verify-email'; token: string }
  | { page: 'not-found' };

export function parseRoute(url: URL): Route {
  const path = url.pathname.replace(/\/+$/, '');
  let match: RegExpExecArray | null;
  if ((match = /^\/s\/([^/]+)$/.exec(path))) return { page: 'scan', code: decodeURIComponent(match[1]) };
  if (path === '/shop' || path === '') return { page: 'home', q: url.searchParams.get('q') ?? '' };
  if (path === '/shop/cart') return { page: 'cart' };
  if (path === '/shop/account') return { page: 'account' };
  if (path === '/shop/account/verify')
    return { page: 'verify-email', token: url.searchParams.get('token') ?? '' };
  if ((match = /^\/shop\/products\/([^/]+)$/.exec(path))) {
    return { page: 'product', id: decodeURIComponent(match[1]), sku: url.searchParams.get('sku') };
  }
  if ((match = /^\/shop\/flash\/([^/]+)$/.exec(path)))
    return { page: 'flash', id: decodeURIComponent(match[1]) };
  if ((match = /^\/shop\/orders\/([^/]+)$/.exec(path))) {
    return { page: 'order', id: decodeURIComponent(match[1]), token: url.searchParams.get('token') };
  }
  return { page: 'not-found' };
}

export function navigate(href: string): void {
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(new URL(location.href)));
  useEffect(() => {
    const update = () => setRoute(parseRoute(new URL(location.href)));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A link that changes page without reloading the app (plain link for new tabs and no-JS). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (
    !anchor ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey
  )
    return;
  event.preventDefault();
  navigate(anchor.getAttribute('href')!);
}
