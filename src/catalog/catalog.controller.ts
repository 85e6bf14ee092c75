import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Page, ProductImageView, ProductView, VariantView } from '@o2o/contracts';
import { Access, MANAGERS, Public } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { CatalogEditor } from './catalog-editor.service';
import { CreateProductDto, ProductSearchQuery, UpdateProductDto, UpdateVariantDto } from './catalog.dto';
import { CatalogService } from './catalog.service';
import { readUploadedPicture } from './picture-upload';
import { ProductImages } from './product-images.service';

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly editor: CatalogEditor,
    private readonly images: ProductImages,
  ) {}

  @Get('products')
  @Public()
  @ApiOperation({ summary: 'Products with their variants; search by text, SKU or barcode (q)' })
  search(@Query() query: ProductSearchQuery): Promise<Page<ProductView>> {
    return this.catalog.search(query);
  }

  @Get('products/:id')
  @Public()
  @ApiOperation({ summary: 'One product with its variants' })
  product(@Param('id') id: string): Promise<ProductView> {
    return this.catalog.product(id);
  }

  @Post('products')
  @Access(['admin'])
  @ApiOperation({ summary: 'Add a product with its variants (admin); SKUs and barcodes are unique' })
  create(@Body() body: CreateProductDto): Promise<ProductView> {
    return this.catalog.createProduct(body);
  }

  @Post('products/:id/images')
  @Access(MANAGERS)
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { alt: { type: 'string', maxLength: 300 }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary: 'Add a picture to a product (admin, manager): JPEG, PNG or WebP up to 10 MB',
    description:
      'Multipart with one `file` (and an optional `alt` field sent before it). The bytes are checked, not ' +
      'the name: anything else answers 415 UNSUPPORTED_MEDIA_TYPE, over 10 MB 413 PAYLOAD_TOO_LARGE. ' +
      'The answer `url` serves WebP; `url?w=320|800|1600` that width, cached for a year.',
  })
  async addImage(@Param('id') id: string, @Req() request: FastifyRequest): Promise<ProductImageView> {
    await this.catalog.product(id); // an unknown product answers 404 before its upload is read
    const upload = await readUploadedPicture(request);
    return this.images.add(id, upload.bytes, upload.alt);
  }

  @Patch('products/:id')
  @Access(['admin'])
  @ApiOperation({ summary: 'Change a product: title, description, or archive it (admin)' })
  updateProduct(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateProductDto,
  ): Promise<ProductView> {
    return this.editor.updateProduct(user, id, body);
  }

  @Patch('variants/:sku')
  @Access(MANAGERS)
  @ApiOperation({
    summary:
      'Change a variant: price, barcode, attributes (admin; a manager for prices with MANAGERS_EDIT_PRICES)',
    description:
      'A new price reaches open shop and scan pages (`/shop` variant.updated) and every terminal, and ' +
      "makes that SKU's printed labels stale (GET /api/locations/:id/labels/stale).",
  })
  updateVariant(
    @CurrentUser() user: AuthUser,
    @Param('sku') sku: string,
    @Body() body: UpdateVariantDto,
  ): Promise<VariantView> {
    return this.editor.updateVariant(user, sku, body);
  }

  @Get('variants/:sku')
  @Public()
  @ApiOperation({ summary: 'One variant by SKU' })
  variant(@Param('sku') sku: string): Promise<VariantView> {
    return this.catalog.variantView(sku);
  }
}
