import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { acknowledge } from '../constructs/acknowledge.ts';

export interface AuthStackProps extends StackProps {
  stage: string;
}

/**
 * Who may sign in: staff accounts only, created by head office. What a staff member may do (roles,
 * property memberships) lives in the table, so the pool has no groups. The dashboard's app client is
 * made by the web stack, because its callback URL is the distribution's address.
 */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly hostedUi: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    this.userPool = new UserPool(this, 'StaffPool', {
      userPoolName: `${props.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The pool guards residents' personal data: block sign-ins with leaked or risky credentials.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'PropDesk 物业前台账号 / Your PropDesk account',
        emailBody:
          '您的 PropDesk 账号：{username}，临时密码：{####}（首次登录时需修改）。<br>' +
          'Your PropDesk account: {username}, temporary password: {####} (change it at first sign-in).',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, {
      'AwsSolutions-COG2':
        'MFA is optional so shift staff at shared front-desk terminals can sign in; TOTP is offered and threat protection (Plus plan, enforced) blocks risky sign-ins',
    });
    this.hostedUi = this.userPool.addDomain('HostedUi', {
      // Cognito domain prefixes are global per region: the account id keeps two deployments apart.
      cognitoDomain: { domainPrefix: `${props.stage}-${Aws.ACCOUNT_ID}` },
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'For aws cognito-idp admin-create-user',
    });
  }
}
