import { Module } from '@nestjs/common';
import { DeleteProfileHandler } from './delete-profile.handler';
import { DeleteProfileHttpController } from './delete-profile.http.controller';

@Module({ controllers: [DeleteProfileHttpController], providers: [DeleteProfileHandler] })
export class DeleteProfileModule {}
