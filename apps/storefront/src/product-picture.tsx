import { IMAGE_WIDTHS, type ProductView } from '@o2o/contracts';

/**
 * A product's first picture at the width the screen needs (srcset of the served WebP widths), with
 * its real proportions reserved so the page does not jump as it loads; a letter tile when it has none.
 */
export function ProductPicture(props: { product: ProductView; sizes: string; eager?: boolean }) {
  const image = props.product.images[0];
  if (!image) {
    return (
      <span class="tile-art" aria-hidden="true">
        {props.product.title.slice(0, 1)}
      </span>
    );
  }
  return (
    <img
      class="product-picture"
      data-testid="product-image"
      src={`${image.url}?w=800`}
      srcset={IMAGE_WIDTHS.map((w) => `${image.url}?w=${w} ${w}w`).join(', ')}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={props.eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
