import { Reflector } from '@nestjs/core';
import type { WriteScope } from './write-scope';

/** What the controller's endpoints write; WriteKeyGuard refuses keys without it (and routes that do not say). */
export const WritesScope = Reflector.createDecorator<WriteScope>();
