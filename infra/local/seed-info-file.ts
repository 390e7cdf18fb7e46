import type { Property } from '../../functions/directory/records.ts';
import { createInfoEntry } from '../../functions/tickets/info-file.ts';

/**
 * The demo information file (信息档案) of a property: the numbers a front desk is asked for. City-wide
 * service lines are the real ones; the local stations' numbers and addresses are made up.
 */
function entriesFor(property: Property) {
  const areaCode = property.hotline.split('-')[0] ?? '021';
  const area = property.address.match(/市(.+?区)/)?.[1] ?? property.city;
  const utilities =
    property.city === '杭州'
      ? { water: '96390', gas: '96777', waterName: '杭州水务' }
      : { water: '962740', gas: '962777', waterName: '上海城投水务' };
  const n = (suffix: string) => `${areaCode}-${suffix}`;
  return [
    {
      title: `${area}供电所`,
      category: 'utilities' as const,
      phones: [{ label: '故障报修', number: '95598' }],
      notes: '停电、跳闸先查本户总闸；整栋停电打 95598 报修并记下工单号',
      keywords: ['停电', '电力', '电费'],
    },
    {
      title: `${utilities.waterName}（自来水公司）`,
      category: 'utilities' as const,
      phones: [{ label: '24 小时热线', number: utilities.water }],
      notes: '停水、水压低、水质发黄；计划停水通知在公司网站公布',
      keywords: ['停水', '自来水', '水费', '水压'],
    },
    {
      title: '燃气抢修',
      category: 'utilities' as const,
      phones: [{ label: '24 小时抢修', number: utilities.gas }],
      notes: '闻到燃气味：先关总阀、开窗、不开关电器，到户外再打电话',
      keywords: ['煤气', '漏气', '天然气'],
    },
    {
      title: `辖区派出所（${area}）`,
      category: 'police' as const,
      phones: [
        { label: '值班室', number: n('62718110') },
        { label: '紧急报警', number: '110' },
      ],
      address: `${property.city}市${area}长寿路 1 号`,
      notes: '开具证明、户籍业务白天办理；紧急警情直接拨 110',
      keywords: ['报警', '警察', '户籍', '证明'],
    },
    {
      title: '社区居委会',
      category: 'government' as const,
      phones: [{ label: '办公室', number: n('62150321') }],
      address: `${property.address}（小区会所二楼）`,
      notes: '工作日 08:30–17:00；居住证明、养老、计生事项',
      keywords: ['居委', '居住证明', '社区'],
    },
    {
      title: '街道办事处',
      category: 'government' as const,
      phones: [{ number: n('62531234') }],
      keywords: ['街道', '社区事务受理中心'],
    },
    {
      title: '市民服务热线',
      category: 'government' as const,
      phones: [{ number: '12345' }],
      notes: '政府部门的咨询、投诉、建议',
      keywords: ['政府', '投诉', '热线'],
    },
    {
      title: `${area}中心医院（最近医院）`,
      category: 'medical' as const,
      phones: [
        { label: '急诊', number: n('63240090') },
        { label: '急救', number: '120' },
      ],
      address: `${area}武进路 85 号，距小区约 2 公里`,
      keywords: ['医院', '急诊', '急救', '看病'],
    },
    {
      title: '物业维修值班',
      category: 'property' as const,
      phones: [
        { label: '值班电话', number: property.hotline },
        { label: '工程部夜班', number: '13916620001' },
      ],
      notes: '夜间 21:00 后的报修由工程部值班师傅接单',
      keywords: ['维修', '报修', '值班', '工程部'],
    },
    {
      title: '消防火警',
      category: 'other' as const,
      phones: [{ number: '119' }],
      notes: '报警后通知秩序维护部到楼下接应消防车，打开消防通道',
      keywords: ['火灾', '消防', '着火'],
    },
    {
      title: '开锁换锁（公安备案）',
      category: 'other' as const,
      phones: [{ number: '13816880119' }],
      notes: '必须本人持身份证和房产证明，秩序维护员陪同',
      keywords: ['开锁', '钥匙', '锁'],
    },
  ];
}

export async function seedInfoFile(property: Property): Promise<void> {
  for (const entry of entriesFor(property)) await createInfoEntry({ propertyId: property.id, entry });
}
