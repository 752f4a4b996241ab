import { type DynamicModule, Module } from '@nestjs/common';
import { ADMIN_TOKEN } from '../app/admin-authorization';
import { DeleteProfileHandler } from './delete-profile.handler';
import { DeleteProfileHttpController } from './delete-profile.http.controller';

@Module({})
export class DeleteProfileModule {
  static forRoot(options: { adminToken: string | null }): DynamicModule {
    return {
      module: DeleteProfileModule,
      controllers: [DeleteProfileHttpController],
      providers: [DeleteProfileHandler, { provide: ADMIN_TOKEN, useValue: options.adminToken }],
    };
  }
}
