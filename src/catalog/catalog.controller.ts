import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ProductView, VariantView } from '../../libs/contracts/src';
import { Access, Public } from '../auth/access';
import { CreateProductDto, ProductSearchQuery } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

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

  @Get('variants/:sku')
  @Public()
  @ApiOperation({ summary: 'One variant by SKU' })
  variant(@Param('sku') sku: string): Promise<VariantView> {
    return this.catalog.variantView(sku);
  }
}
