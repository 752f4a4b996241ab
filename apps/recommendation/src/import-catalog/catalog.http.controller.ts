import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { RequireAccess } from '@touchpoint/service-runtime';
import { readCatalogCsv, readCatalogJson } from '../catalog/catalog-import';
import { type CatalogImportReport, ImportCatalogHandler } from './import-catalog.handler';

/** Admin only: shops import their catalog as JSON (`{ "products": [...] }`) or as text/csv. */
@Controller('v1/catalog')
@RequireAccess('admin')
export class CatalogHttpController {
  constructor(private readonly importCatalog: ImportCatalogHandler) {}

  @Post('products')
  @HttpCode(200)
  import(@Body() body: unknown, @Headers('content-type') contentType: string | undefined): Promise<CatalogImportReport> {
    const csv = typeof body === 'string' && /^(text|application)\/csv/i.test(contentType ?? '');
    return this.importCatalog.execute(csv ? readCatalogCsv(body) : readCatalogJson(body));
  }
}
