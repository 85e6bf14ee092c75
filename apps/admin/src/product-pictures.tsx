import { useState } from 'preact/hooks';
import type { ProductImageView, ProductView } from '@o2o/contracts';
import { useAction } from '../../shared/hooks';
import { useBackOffice } from './session';

/**
 * A product's pictures as the shop shows them, and adding one: the file goes up as it is (JPEG, PNG or
 * WebP; the server checks the bytes and makes the resized WebP), with the words a shopper's screen
 * reader will say.
 */
export function ProductPictures({
  product,
  onAdded,
}: {
  product: ProductView;
  onAdded: (p: ProductView) => void;
}) {
  const { call } = useBackOffice();
  const [alt, setAlt] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // A new input after each upload, so the chosen file's name does not linger beside the added picture.
  const [chooser, setChooser] = useState(0);
  const { busy, error, run } = useAction();

  const upload = () =>
    run(async () => {
      if (!file) throw new Error('Choose a picture first.');
      const form = new FormData();
      if (alt.trim()) form.append('alt', alt.trim()); // before the file: the server reads fields first
      form.append('file', file);
      const image = await call<ProductImageView>(`/products/${product.id}/images`, { body: form });
      onAdded({ ...product, images: [...product.images, image] });
      setFile(null);
      setAlt('');
      setChooser((n) => n + 1);
    });

  return (
    <section class="pictures" aria-label="Pictures">
      <h3>Pictures</h3>
      {product.images.length ? (
        <ul class="picture-list">
          {product.images.map((image) => (
            <li key={image.id}>
              <img
                data-testid="admin-product-image"
                src={`${image.url}?w=320`}
                alt={image.alt}
                width={96}
                height={96}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No picture yet: the shop shows a drawn tile.</p>
      )}
      <div class="row picture-upload">
        <label class="grow">
          New picture (JPEG, PNG or WebP, up to 10 MB)
          <input
            key={chooser}
            data-testid="image-file"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <label class="grow">
          Described as
          <input
            data-testid="image-alt"
            maxLength={300}
            value={alt}
            placeholder={product.title}
            onInput={(e) => setAlt(e.currentTarget.value)}
          />
        </label>
        <button data-testid="image-upload" disabled={busy || !file} onClick={() => void upload()}>
          {busy ? 'Uploading…' : 'Add picture'}
        </button>
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
