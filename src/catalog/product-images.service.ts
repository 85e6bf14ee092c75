import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ProductImageView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { MediaStore } from '../media/media-store';
import { toImageView } from './catalog.service';
import { Product, ProductImage } from './product.entity';

/** Pictures of products: the bytes go to the media store, their row (order, alt text, size) here. */
@Injectable()
export class ProductImages {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly media: MediaStore,
    private readonly clock: Clock,
  ) {}

  async add(productId: string, bytes: Buffer, alt: string | undefined): Promise<ProductImageView> {
    const size = await this.media.inspect(bytes);
    const id = randomUUID();
    // The file first: a row never names a picture that is not there (a lone file harms nothing).
    await this.media.saveOriginal(id, bytes);
    return this.uow.run(async ({ em }) => {
      const product = await em.findOneBy(Product, { id: productId });
      if (!product) throw AppError.notFound('Product', { productId });
      const position = await em.countBy(ProductImage, { productId });
      const image = em.create(ProductImage, {
        id,
        productId,
        alt: alt?.trim().slice(0, 300) || product.title,
        width: size.width,
        height: size.height,
        position,
        createdAt: this.clock.now(),
      });
      await em.insert(ProductImage, image);
      return toImageView(image);
    });
  }
}
