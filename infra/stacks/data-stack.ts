import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../functions/shared/table.ts';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/** The one table, built from the declaration the data layer and the local host also read. */
export class DataStack extends Stack {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const table = new Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      // Front-desk traffic is spiky and small; on-demand costs nothing when the offices are closed.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, index] of Object.entries(tableDefinition.indexes)) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
      });
    }
    this.table = table;
    new CfnOutput(this, 'TableName', {
      value: table.tableName,
      description: 'Where the first staff record goes',
    });
  }
}
