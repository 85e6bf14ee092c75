import type { Money } from '@o2o/contracts';

/** What the shopper keeps on this device: the cart and the orders placed here (with their tokens). */
export interface CartLine {
  sku: string;
  title: string;
  qty: number;
  price: Money;
  productId: string;
}

export interface KnownOrder {
  id: string;
  number: string;
  token: string;
}

const CART_KEY = 'o2o.shop.cart';
const ORDERS_KEY = 'o2o.shop.orders';
const CUSTOMER_KEY = 'o2o.shop.customer';

function read<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

const listeners = new Set<() => void>();
export function onCartChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const loadCart = (): CartLine[] => read<CartLine[]>(CART_KEY, []);

export function saveCart(lines: CartLine[]): void {
  localStorage.setItem(CART_KEY, JSON.stringify(lines.filter((line) => line.qty > 0)));
  listeners.forEach((listener) => listener());
}

export function addToCart(line: Omit<CartLine, 'qty'>, qty = 1): void {
  const cart = loadCart();
  const existing = cart.find((l) => l.sku === line.sku);
  saveCart(
    existing
      ? cart.map((l) => (l.sku === line.sku ? { ...l, qty: l.qty + qty } : l))
      : [...cart, { ...line, qty }],
  );
}

export function rememberOrder(order: KnownOrder): void {
  const known = read<KnownOrder[]>(ORDERS_KEY, []).filter((o) => o.id !== order.id);
  localStorage.setItem(ORDERS_KEY, JSON.stringify([order, ...known].slice(0, 20)));
}

export const knownOrders = (): KnownOrder[] => read<KnownOrder[]>(ORDERS_KEY, []);

export function orderToken(id: string): string | null {
  return knownOrders().find((order) => order.id === id)?.token ?? null;
}

export interface CustomerDetails {
  name: string;
  email: string;
  phone: string;
}

/** Name and email are remembered so the next reservation takes one tap less. */
export const loadCustomer = (): CustomerDetails => read(CUSTOMER_KEY, { name: '', email: '', phone: '' });
export const saveCustomer = (customer: CustomerDetails): void =>
  localStorage.setItem(CUSTOMER_KEY, JSON.stringify(customer));

export function orderHref(order: { id: string; orderToken?: string; token?: string }): string {
  const token = order.orderToken ?? order.token;
  return `/shop/orders/${order.id}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
