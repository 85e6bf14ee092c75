import { createParamDecorator } from '@nestjs/common';
import { requestContext, type AuthUser } from './request-context';

/** The caller proven by the access token (undefined on public routes called without one). */
export const CurrentUser = createParamDecorator((): AuthUser | undefined => requestContext.get()?.user);
