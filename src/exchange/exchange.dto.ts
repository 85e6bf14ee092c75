import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class LocationFileQuery {
  @ApiProperty({ description: 'The location whose stock is exported or counted' })
  @IsUUID('all', { message: 'locationId must be the id of a location' })
  locationId: string;
}
