/**
 * A variant as a shopper reads it on a line: the product's name once, then what tells the variant apart
 * ("Rain coat — Ochre / M"). A variant titled in full ("T-shirt – Black / M") is shown as it is.
 */
export function variantName(productTitle: string, variantTitle: string): string {
  if (!variantTitle || variantTitle === productTitle) return productTitle;
  return variantTitle.startsWith(productTitle) ? variantTitle : `${productTitle} — ${variantTitle}`;
}
