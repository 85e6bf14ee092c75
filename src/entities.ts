import { AuditEntry } from './audit/audit-entry.entity';
import { EmailVerification, User } from './auth/user.entity';
import { Product, ProductImage, Variant } from './catalog/product.entity';
import {
  FlashPurchase,
  FlashSale,
  FlashSaleLine,
  FlashSaleOrder,
  FlashTicket,
} from './flash-sales/flash-sale.entity';
import { ImportJob, ImportJobError } from './exchange/import-job.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { StockLevel, StockMovement, Transfer, TransferLine } from './inventory/stock.entity';
import { Location } from './locations/location.entity';
import { MailboxEntry, Message } from './messages/message.entity';
import { Order, OrderLine } from './orders/order.entity';
import { Payment, PaymentEvent } from './payments/payment.entity';
import { EventRow, EventSequence } from './outbox/event.entity';
import { OrderReturn, ReturnedUnits, ReturnLine } from './returns/return.entity';
import { PrintedLabel } from './tags/printed-label.entity';
import { Tag, TagScan } from './tags/tag.entity';

/** Every table the migrations create; a test checks that the two never drift apart. */
export const ENTITIES = [
  User,
  EmailVerification,
  Location,
  EventSequence,
  Product,
  Variant,
  ProductImage,
  StockLevel,
  StockMovement,
  Transfer,
  TransferLine,
  Order,
  OrderLine,
  Message,
  MailboxEntry,
  Payment,
  PaymentEvent,
  Tag,
  TagScan,
  EventRow,
  IdempotencyRecord,
  AuditEntry,
  PrintedLabel,
  FlashSale,
  FlashSaleLine,
  FlashTicket,
  FlashPurchase,
  FlashSaleOrder,
  ImportJob,
  ImportJobError,
  OrderReturn,
  ReturnLine,
  ReturnedUnits,
];
