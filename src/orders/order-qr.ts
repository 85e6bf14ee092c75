import { Injectable, StreamableFile } from '@nestjs/common';
import { qrSvg } from '../common/qr';
import type { AuthUser } from '../common/request-context';
import { pickupQrPayload } from './order-codes';
import { OrdersService } from './orders.service';

/** The customer's pickup QR: the terminal scans `pickup:<orderId>:<pickupCode>` instead of typing. */
@Injectable()
export class OrderQr {
  constructor(private readonly orders: OrdersService) {}

  async pickupSvg(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
  ): Promise<StreamableFile> {
    const { orderId, pickupCode } = await this.orders.pickupCodeFor(user, id, token);
    // Read from a bright phone screen held at the scanner: level M keeps the symbol small and sharp.
    const svg = await qrSvg(pickupQrPayload(orderId, pickupCode), { errorCorrection: 'M', margin: 2 });
    return new StreamableFile(Buffer.from(svg), { type: 'image/svg+xml' });
  }
}
