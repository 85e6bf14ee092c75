import { Injectable, StreamableFile } from '@nestjs/common';
import QRCode from 'qrcode';
import type { AuthUser } from '../common/request-context';
import { pickupQrPayload } from './order-codes';
import { OrdersService } from './orders.service';

/** The customer's pickup QR: the terminal scans `pickup:<orderId>:<pickupCode>` instead of typing. */
@Injectable()
export class OrderQr {
  constructor(private readonly orders: OrdersService) {}

  async pickupSvg(
    id: string,
    user: AuthUser | undefined,
    token: string | undefined,
  ): Promise<StreamableFile> {
    const { orderId, pickupCode } = await this.orders.pickupCodeFor(id, user, token);
    const svg = await QRCode.toString(pickupQrPayload(orderId, pickupCode), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return new StreamableFile(Buffer.from(svg), { type: 'image/svg+xml' });
  }
}
