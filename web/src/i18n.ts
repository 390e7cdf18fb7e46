import { effect, signal } from '@preact/signals';
import type { Department, Role, ServicePeriod, UnitType } from '../../functions/contract.ts';
import { ApiError } from './api.ts';
import { dayRanges, formatArea } from './format.ts';
import { en as billingCloseEn, zh as billingCloseZh } from './i18n/billing-close.ts';
import { en as billingDeskEn, zh as billingDeskZh } from './i18n/billing-desk.ts';
import { en as billingReportsEn, zh as billingReportsZh } from './i18n/billing-reports.ts';
import { en as billingRunEn, zh as billingRunZh } from './i18n/billing-run.ts';
import { en as collectionEn, zh as collectionZh } from './i18n/collection.ts';
import { en as figuresEn, zh as figuresZh } from './i18n/figures.ts';
import { en as findEn, zh as findZh } from './i18n/find.ts';
import { en as historyEn, zh as historyZh } from './i18n/history.ts';
import { en as holidaysEn, zh as holidaysZh } from './i18n/holidays.ts';
import { en as importErrorsEn, zh as importErrorsZh } from './i18n/import-errors.ts';
import { en as ledgerEn, zh as ledgerZh } from './i18n/ledger.ts';
import { en as notificationsEn, zh as notificationsZh } from './i18n/notifications.ts';
import { en as photosEn, zh as photosZh } from './i18n/photos.ts';
import { en as reportsEn, zh as reportsZh } from './i18n/reports.ts';
import { en as settingsEn, zh as settingsZh } from './i18n/settings.ts';
import { en as ticketsEn, zh as ticketsZh } from './i18n/tickets.ts';

/** zh-CN first; every key must exist in both languages (the type of `en` checks it). */
const zh = {
  ...figuresZh,
  ...collectionZh,
  ...billingCloseZh,
  ...billingDeskZh,
  ...billingReportsZh,
  ...billingRunZh,
  ...reportsZh,
  ...holidaysZh,
  'app.name': '物业前台',
  ...photosZh,

  'shell.property': '当前物业',
  'shell.allProperties': '全部物业',
  'shell.pickProperty': '请选择物业',
  'shell.signOut': '退出登录',
  'shell.navigation': '主导航',
  'shell.skip': '跳到主要内容',

  'group.company': '总部',
  'group.front': '前台服务',
  'group.billing': '收费管理',
  'group.directory': '基础资料',

  'nav.overview': '全部物业',
  'nav.home': '物业概况',
  'nav.units': '房间查询',
  'nav.households': '住户',
  'nav.buildings': '楼栋',
  'nav.staff': '员工',
  'nav.import': '数据导入',
  'nav.settings': '物业设置',

  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.reload': '刷新',
  'common.save': '保存',
  'common.saving': '正在保存…',
  'common.saved': '已保存',
  'common.create': '创建',
  'common.cancel': '取消',
  'common.close': '关闭',
  'common.edit': '编辑',
  'common.remove': '删除',
  'common.search': '查询',
  'common.actions': '操作',
  'common.loadMore': '加载更多',
  'common.shown': '已显示 {n} 条',
  'common.allShown': '已全部显示',
  'common.clearFilter': '清除筛选',
  'field.name': '名称',
  'field.code': '编号',

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.stale': '已被他人修改，请刷新后再改。',
  'error.notFound': '无权访问或不存在。',
  'error.forbidden': '您没有权限执行此操作。',
  'error.unauthorized': '登录已过期，请重新登录。',
  'error.invalid': '填写的内容有误，请检查后再提交。',
  'error.conflict': '操作与现有记录冲突。',
  'error.duplicate': '编号已存在，请换一个。',
  'error.tooLarge': '文件太大，请拆分后再上传。',
  'error.server': '服务器出错了，请稍后再试。',
  'error.unknown': '出错了，请稍后再试。',

  'signIn.subtitle': '物业管理前台与客服系统',
  'signIn.email': '邮箱',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.expired': '登录已过期，请重新登录。',
  'signIn.cognito': '使用公司账号登录',
  'signIn.demoTitle': '演示账号',
  'signIn.demoHint': '点击任一账号即可登录（演示密码均为 propdesk）。',
  'signIn.noProperties': '全部物业',
  'callback.working': '正在完成登录…',
  'callback.failed': '登录未完成',
  'callback.back': '返回登录页',

  'noAccess.title': '无权访问或不存在',
  'noAccess.hint': '该物业或记录不存在，或者您没有访问权限。如有疑问请联系项目经理。',
  'noAccess.back': '返回首页',
  'notFound.title': '页面不存在',
  'notFound.hint': '请从左侧菜单进入需要的页面。',

  'home.noProperty': '您还没有被分配到任何物业',
  'home.noPropertyHint': '请联系项目经理或总部为您分配物业。',
  'home.quickSearch': '房间快速查询',
  'home.info': '物业信息',

  'overview.title': '全部物业',
  'overview.subtitle': '共 {n} 个物业 · {units} 间房 · 入住率 {rate}',
  'overview.open': '进入',
  'overview.newProperty': '新建物业',
  'overview.empty': '还没有物业',
  'overview.emptyHint': '点击右上角“新建物业”开始。',

  'stats.buildings': '楼栋',
  'stats.units': '房间',
  'stats.households': '住户',
  'stats.occupancy': '入住率',
  'stats.occupiedOf': '已入住 {n} / {total} 间',

  'property.code': '物业编号',
  'property.codeHint': '2–12 位大写字母或数字，以字母开头，如 SHXH；创建后不能修改',
  'property.name': '物业名称',
  'property.city': '城市',
  'property.address': '地址',
  'property.hotline': '客服热线',
  'property.serviceHours': '服务时间',
  'property.serviceHoursHint': '前台接待时间，工单时限按此计算',
  'property.addHours': '添加时段',
  'property.days': '星期',
  'property.from': '开始时间',
  'property.to': '结束时间',
  'property.billingDay': '出账日',
  'property.billingDayHint': '每月这天向住户发出缴费通知',
  'property.dueDay': '缴费截止日',
  'property.dueDayHint': '过期未缴将生成上门催收任务',
  'property.dayOfMonth': '每月 {n} 日',
  'property.billing': '收费',
  'property.billingText': '每月 {bill} 日出账，{due} 日前缴清',
  'property.timeZone': '时区',
  'property.everyDay': '每天',
  'property.noHours': '未设置',

  'settings.basic': '基本信息',
  'settings.audit': '操作记录',
  'settings.readOnly': '您可以查看物业信息，修改需要项目经理权限。',

  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.changes': '变更内容',
  'audit.empty': '暂无操作记录',

  'building.subtitle': '本物业的楼栋及层数',
  'building.code': '楼栋编号',
  'building.codeHint': '字母或数字（不能含“-”），是房号的前缀，如 3 → 3-1502；创建后不能修改',
  'building.name': '楼栋名称',
  'building.namePlaceholder': '如：3号楼',
  'building.floors': '层数',
  'building.add': '新增楼栋',
  'building.edit': '编辑楼栋 {code}',
  'building.viewUnits': '查看房间',
  'building.empty': '还没有楼栋',
  'building.emptyHint': '可以逐个新增，也可以用“数据导入”从表格批量导入。',

  'units.subtitle': '输入房号即可查找，如 3-1502 或 3-15',
  'units.searchLabel': '房号',
  'units.searchPlaceholder': '输入房号，如 3-1502',
  'units.allBuildings': '全部楼栋',
  'units.hint': '楼栋号-房号，输入前几位即可，例如 3-15 找出 3 号楼 15 层的房间',
  'units.found': '找到 {n} 间以“{q}”开头的房间',
  'units.foundMore': '已显示 {n} 间以“{q}”开头的房间，还有更多',
  'units.noMatch': '没有以“{q}”开头的房间',
  'units.noMatchHint': '请检查房号，格式为 楼栋号-房号，如 3-1502。',
  'units.clear': '清空查询',
  'units.empty': '还没有房间',
  'units.add': '新增房间',

  'unit.title': '房间 {code}',
  'unit.roomCode': '房号',
  'unit.building': '楼栋',
  'unit.room': '房号（楼栋内）',
  'unit.roomHint': '完整房号将是 {code}',
  'unit.floor': '楼层',
  'unit.floorN': '{n} 层',
  'unit.area': '面积 (m²)',
  'unit.areaSqm': '建筑面积（平方米）',
  'unit.areaPlain': '面积',
  'unit.areaHint': '最多两位小数，如 89.50',
  'unit.areaInvalid': '请填写数字，最多两位小数，如 89.50',
  'unit.type': '类型',
  'unit.occupancy': '状态',
  'unit.edit': '编辑房间',
  'unit.households': '住户',
  'unit.noHouseholds': '该房间暂无住户登记',
  'unit.residential': '住宅',
  'unit.commercial': '商铺',
  'unit.parking': '车位',
  'unit.storage': '储藏室',
  'unit.office': '办公',
  'unit.vacant': '空置',
  'unit.occupied': '已入住',

  'household.subtitle': '业主与租户登记；电话号码默认隐藏中间四位',
  'household.room': '房号',
  'household.name': '姓名',
  'household.kind': '身份',
  'household.owner': '业主',
  'household.tenant': '租户',
  'household.phone': '电话',
  'household.phoneHint': '11 位手机号或座机号',
  'household.phoneKeep': '当前 {phone}，不修改请留空',
  'household.moveIn': '入住日期',
  'household.status': '状态',
  'household.active': '在住',
  'household.moved_out': '已迁出',
  'household.reveal': '显示号码',
  'household.revealHint': '查看完整号码会被记录',
  'household.add': '登记住户',
  'household.edit': '编辑住户',
  'household.pickUnit': '查找房间',
  'household.pickUnitFirst': '请先选择房间',
  'household.changeUnit': '换一个房间',
  'household.filtered': '只显示房间 {room} 的住户。',
  'household.empty': '还没有住户记录',
  'household.emptyHint': '在房间页面登记住户，或用“数据导入”批量导入。',

  'staff.subtitle': '本物业的员工及其角色',
  'staff.name': '姓名',
  'staff.email': '邮箱',
  'staff.emailHint': '用于登录，创建后不能修改',
  'staff.phone': '手机',
  'staff.department': '部门',
  'staff.language': '通知语言',
  'staff.languageHint': '发给此人的通知（站内、邮件、短信）使用的语言',
  'staff.roles': '角色',
  'staff.properties': '所属物业',
  'staff.status': '状态',
  'staff.active': '在职',
  'staff.inactive': '已停用',
  'staff.add': '新增员工',
  'staff.edit': '编辑员工：{name}',
  'staff.empty': '还没有员工',

  'role.head_office': '总部',
  'role.property_manager': '项目经理',
  'role.front_desk': '前台客服',
  'role.technician': '维修技术员',
  'role.finance': '财务',
  'role.security': '秩序维护',

  'dept.customer_service': '客服部',
  'dept.engineering': '工程部',
  'dept.security': '秩序维护部',
  'dept.cleaning': '保洁部',
  'dept.finance': '财务部',
  'dept.management': '管理处',

  'day.1': '周一',
  'day.2': '周二',
  'day.3': '周三',
  'day.4': '周四',
  'day.5': '周五',
  'day.6': '周六',
  'day.7': '周日',
  'dayShort.1': '一',
  'dayShort.2': '二',
  'dayShort.3': '三',
  'dayShort.4': '四',
  'dayShort.5': '五',
  'dayShort.6': '六',
  'dayShort.7': '日',

  'entity.property': '物业',
  'entity.building': '楼栋',
  'entity.unit': '房间',
  'entity.household': '住户',
  'entity.staff': '员工',
  'entity.import': '导入',

  'import.subtitle': '从 CSV 或 Excel 表格批量导入楼栋、房间和住户',
  'import.template': '下载 CSV 模板',
  'import.step1': '选择文件',
  'import.step2': '检查',
  'import.step3': '完成',
  'import.choose': '选择 CSV 或 Excel 文件',
  'import.dropHint': '也可以把文件拖到这里',
  'import.otherFile': '换一个文件',
  'import.badType': '只支持 .csv 或 .xlsx 文件。',
  'import.tooLarge': '文件超过 {mb} MB，请拆分后分批导入。',
  'import.check': '检查文件',
  'import.checking': '正在检查…',
  'import.checkResult': '检查结果：共 {n} 行',
  'import.create': '新增',
  'import.update': '更新',
  'import.unchanged': '不变',
  'import.noErrors': '检查通过，没有错误。确认后将按上表导入。',
  'import.hasErrors': '发现 {n} 处错误（{rows} 行），请在表格中改正后重新上传。',
  'import.nothingImported': '本次没有导入任何数据。',
  'import.downloadErrors': '下载错误清单',
  'import.row': '行号',
  'import.rowN': '第 {n} 行',
  'import.field': '字段',
  'import.reason': '原因',
  'import.confirm': '确认导入',
  'import.importing': '正在导入…',
  'import.done': '导入完成：共 {n} 行',
  'import.lastRolledBack': '上次导入（{who}，{at}）未能完成，已回滚：没有保留其中任何数据。',
  'import.lastInterrupted':
    '上次导入（{who}，{at}）在完成前中断，系统已自动回滚：没有保留其中任何数据，请重新导入。',
  'import.lastKept': '有 {n} 条记录在导入后被他人修改，未回滚。',
  'import.running': '{who} 于 {at} 开始的导入正在进行，完成前不能再次导入。',
  'import.again': '再导入一个文件',
  'import.viewUnits': '查看房间',
  'import.columns': '表格各列说明',
  'import.columnsHint':
    '第一行为列名：用下表的中文列名或英文列名（如“楼栋总层数”或 floors），也可用“楼号、面积、联系电话”等常用写法。每行一个房间，可附带一位住户。表头是第 1 行。',
  'import.ignored': '以下列名无法识别，已忽略：{cols}',
  'import.busy': '该物业正在进行另一个导入，请稍后再试。',
  'import.nothingChanged': '文件内容与系统中的资料一致，没有需要导入的内容。',
  'import.summaryValid': '改正上述错误后，其余各行将按下表导入：',
  'import.column': '列名',
  'import.meaning': '含义',
  'import.col.building_code': '楼栋编号，如 3',
  'import.col.building_name': '楼栋名称，如 3号楼',
  'import.col.floors': '楼栋总层数，如 18',
  'import.col.room': '楼栋内房号，如 1502',
  'import.col.floor': '所在楼层，如 15',
  'import.col.area_sqm': '建筑面积（平方米），如 89.50',
  'import.col.unit_type':
    '房间类型：住宅、商铺、车位、储藏室、办公（也可填 residential、commercial、parking、storage、office）',
  'import.col.household_kind': '住户身份：业主 或 租户（也可填 owner、tenant；没有住户时住户各列留空）',
  'import.col.household_name': '住户姓名（可留空）',
  'import.col.household_phone': '住户电话（可留空）',
  'import.col.move_in_date': '入住日期，格式 2024-05-01（可留空）',
  ...ticketsZh,
  ...findZh,
  ...ledgerZh,
  ...historyZh,
  ...importErrorsZh,
  ...notificationsZh,
  ...settingsZh,
};

export type MsgKey = keyof typeof zh;

const en: Record<MsgKey, string> = {
  ...figuresEn,
  ...reportsEn,
  ...billingCloseEn,
  ...billingDeskEn,
  ...billingReportsEn,
  ...billingRunEn,
  ...holidaysEn,
  'app.name': 'PropDesk',
  ...photosEn,

  'shell.property': 'Property',
  'shell.allProperties': 'All properties',
  'shell.pickProperty': 'Choose a property',
  'shell.signOut': 'Sign out',
  'shell.navigation': 'Main navigation',
  'shell.skip': 'Skip to content',

  'group.company': 'Head office',
  'group.front': 'Front desk',
  'group.billing': 'Billing',
  'group.directory': 'Directory',

  'nav.overview': 'All properties',
  'nav.home': 'Property home',
  'nav.units': 'Find a unit',
  'nav.households': 'Households',
  'nav.buildings': 'Buildings',
  'nav.staff': 'Staff',
  'nav.import': 'Import',
  'nav.settings': 'Property settings',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.reload': 'Reload',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.saved': 'Saved',
  'common.create': 'Create',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.edit': 'Edit',
  'common.remove': 'Remove',
  'common.search': 'Search',
  'common.actions': 'Actions',
  'common.loadMore': 'Load more',
  'common.shown': '{n} shown',
  'common.allShown': 'All shown',
  'common.clearFilter': 'Clear filter',
  'field.name': 'Name',
  'field.code': 'Code',

  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.stale': 'Changed by someone else. Reload, then make your change again.',
  'error.notFound': 'Not found or no access.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unauthorized': 'Your session has expired. Please sign in again.',
  'error.invalid': 'Some fields are not valid. Check them and submit again.',
  'error.conflict': 'This conflicts with an existing record.',
  'error.duplicate': 'This code is already used. Choose another.',
  'error.tooLarge': 'The file is too large. Split it and upload the parts.',
  'error.server': 'Something went wrong on the server. Try again later.',
  'error.unknown': 'Something went wrong. Try again later.',

  'signIn.subtitle': 'Front desk and customer service for property management',
  'signIn.email': 'E-mail',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.expired': 'Your session has expired. Please sign in again.',
  'signIn.cognito': 'Sign in with your company account',
  'signIn.demoTitle': 'Demo accounts',
  'signIn.demoHint': 'Click an account to sign in (all demo passwords are propdesk).',
  'signIn.noProperties': 'All properties',
  'callback.working': 'Completing sign-in…',
  'callback.failed': 'Sign-in was not completed',
  'callback.back': 'Back to sign-in',

  'noAccess.title': 'Not found or no access',
  'noAccess.hint':
    'This property or record does not exist, or you have no access to it. Ask your property manager if in doubt.',
  'noAccess.back': 'Back to home',
  'notFound.title': 'Page not found',
  'notFound.hint': 'Use the menu on the left to open a page.',

  'home.noProperty': 'You are not assigned to any property yet',
  'home.noPropertyHint': 'Ask your property manager or head office to assign you.',
  'home.quickSearch': 'Find a unit',
  'home.info': 'Property information',

  'overview.title': 'All properties',
  'overview.subtitle': '{n} properties · {units} units · {rate} occupied',
  'overview.open': 'Open',
  'overview.newProperty': 'New property',
  'overview.empty': 'No properties yet',
  'overview.emptyHint': 'Click “New property” to start.',

  'stats.buildings': 'Buildings',
  'stats.units': 'Units',
  'stats.households': 'Households',
  'stats.occupancy': 'Occupancy',
  'stats.occupiedOf': '{n} of {total} units occupied',

  'property.code': 'Property code',
  'property.codeHint':
    '2–12 upper-case letters or digits, starting with a letter, e.g. SHXH; cannot be changed later',
  'property.name': 'Name',
  'property.city': 'City',
  'property.address': 'Address',
  'property.hotline': 'Hotline',
  'property.serviceHours': 'Service hours',
  'property.serviceHoursHint': 'Front-desk opening hours; deadlines are counted in these hours',
  'property.addHours': 'Add hours',
  'property.days': 'Days',
  'property.from': 'From',
  'property.to': 'To',
  'property.billingDay': 'Billing day',
  'property.billingDayHint': 'Payment requests go to households on this day each month',
  'property.dueDay': 'Due day',
  'property.dueDayHint': 'Unpaid after this day → a collection visit is scheduled',
  'property.dayOfMonth': 'Day {n}',
  'property.billing': 'Billing',
  'property.billingText': 'Billed on day {bill}, due by day {due}',
  'property.timeZone': 'Time zone',
  'property.everyDay': 'Every day',
  'property.noHours': 'Not set',

  'settings.basic': 'General',
  'settings.audit': 'Audit trail',
  'settings.readOnly': 'You can view these settings; changing them needs a property manager.',

  'audit.at': 'Time',
  'audit.actor': 'By',
  'audit.action': 'Action',
  'audit.changes': 'Changes',
  'audit.empty': 'Nothing recorded yet',

  'building.subtitle': 'Buildings of this property and their floors',
  'building.code': 'Building code',
  'building.codeHint':
    'Letters or digits (no “-”); the room-code prefix, e.g. 3 → 3-1502; cannot be changed later',
  'building.name': 'Building name',
  'building.namePlaceholder': 'e.g. Building 3',
  'building.floors': 'Floors',
  'building.add': 'Add building',
  'building.edit': 'Edit building {code}',
  'building.viewUnits': 'Units',
  'building.empty': 'No buildings yet',
  'building.emptyHint': 'Add them one by one, or import a spreadsheet with “Import”.',

  'units.subtitle': 'Type a room code to find a unit, e.g. 3-1502 or 3-15',
  'units.searchLabel': 'Room code',
  'units.searchPlaceholder': 'Room code, e.g. 3-1502',
  'units.allBuildings': 'All buildings',
  'units.hint': 'Building-room; the first characters are enough: 3-15 finds floor 15 of building 3',
  'units.found': '{n} units starting with “{q}”',
  'units.foundMore': '{n} units starting with “{q}” shown, more available',
  'units.noMatch': 'No unit starts with “{q}”',
  'units.noMatchHint': 'Check the room code: building-room, e.g. 3-1502.',
  'units.clear': 'Clear search',
  'units.empty': 'No units yet',
  'units.add': 'Add unit',

  'unit.title': 'Unit {code}',
  'unit.roomCode': 'Room code',
  'unit.building': 'Building',
  'unit.room': 'Room (in the building)',
  'unit.roomHint': 'The full room code will be {code}',
  'unit.floor': 'Floor',
  'unit.floorN': 'Floor {n}',
  'unit.area': 'Area (m²)',
  'unit.areaSqm': 'Floor area (m²)',
  'unit.areaPlain': 'Area',
  'unit.areaHint': 'Up to two decimals, e.g. 89.50',
  'unit.areaInvalid': 'Enter a number with up to two decimals, e.g. 89.50',
  'unit.type': 'Type',
  'unit.occupancy': 'Status',
  'unit.edit': 'Edit unit',
  'unit.households': 'Households',
  'unit.noHouseholds': 'No household registered for this unit',
  'unit.residential': 'Residential',
  'unit.commercial': 'Commercial',
  'unit.parking': 'Parking',
  'unit.storage': 'Storage',
  'unit.office': 'Office',
  'unit.vacant': 'Vacant',
  'unit.occupied': 'Occupied',

  'household.subtitle': 'Owners and tenants; phone numbers are partly hidden',
  'household.room': 'Room',
  'household.name': 'Name',
  'household.kind': 'Kind',
  'household.owner': 'Owner',
  'household.tenant': 'Tenant',
  'household.phone': 'Phone',
  'household.phoneHint': 'Mobile or landline number',
  'household.phoneKeep': 'Now {phone}; leave empty to keep it',
  'household.moveIn': 'Move-in date',
  'household.status': 'Status',
  'household.active': 'Living here',
  'household.moved_out': 'Moved out',
  'household.reveal': 'Show number',
  'household.revealHint': 'Viewing the full number is recorded',
  'household.add': 'Register household',
  'household.edit': 'Edit household',
  'household.pickUnit': 'Find the unit',
  'household.pickUnitFirst': 'Choose a unit first',
  'household.changeUnit': 'Choose another unit',
  'household.filtered': 'Only households of unit {room}.',
  'household.empty': 'No households yet',
  'household.emptyHint': 'Register them on a unit’s page, or import a spreadsheet.',

  'staff.subtitle': 'Staff of this property and their roles',
  'staff.name': 'Name',
  'staff.email': 'E-mail',
  'staff.emailHint': 'Used to sign in; cannot be changed later',
  'staff.phone': 'Mobile',
  'staff.department': 'Department',
  'staff.language': 'Notification language',
  'staff.languageHint': 'The language of the notifications this person receives (in-app, e-mail, SMS)',
  'staff.roles': 'Roles',
  'staff.properties': 'Properties',
  'staff.status': 'Status',
  'staff.active': 'Active',
  'staff.inactive': 'Disabled',
  'staff.add': 'Add staff',
  'staff.edit': 'Edit staff: {name}',
  'staff.empty': 'No staff yet',

  'role.head_office': 'Head office',
  'role.property_manager': 'Property manager',
  'role.front_desk': 'Front desk',
  'role.technician': 'Technician',
  'role.finance': 'Finance',
  'role.security': 'Security',

  'dept.customer_service': 'Customer service',
  'dept.engineering': 'Engineering',
  'dept.security': 'Security',
  'dept.cleaning': 'Cleaning',
  'dept.finance': 'Finance',
  'dept.management': 'Management',

  'day.1': 'Mon',
  'day.2': 'Tue',
  'day.3': 'Wed',
  'day.4': 'Thu',
  'day.5': 'Fri',
  'day.6': 'Sat',
  'day.7': 'Sun',
  'dayShort.1': 'M',
  'dayShort.2': 'T',
  'dayShort.3': 'W',
  'dayShort.4': 'T',
  'dayShort.5': 'F',
  'dayShort.6': 'S',
  'dayShort.7': 'S',

  'entity.property': 'property',
  'entity.building': 'building',
  'entity.unit': 'unit',
  'entity.household': 'household',
  'entity.staff': 'staff',
  'entity.import': 'import',

  'import.subtitle': 'Import buildings, units and households from a CSV or Excel file',
  'import.template': 'Download CSV template',
  'import.step1': 'Choose file',
  'import.step2': 'Check',
  'import.step3': 'Done',
  'import.choose': 'Choose a CSV or Excel file',
  'import.dropHint': 'or drop the file here',
  'import.otherFile': 'Another file',
  'import.badType': 'Only .csv and .xlsx files are supported.',
  'import.tooLarge': 'The file is larger than {mb} MB. Split it and import the parts one by one.',
  'import.check': 'Check the file',
  'import.checking': 'Checking…',
  'import.checkResult': 'Check result: {n} rows',
  'import.create': 'New',
  'import.update': 'Updated',
  'import.unchanged': 'Unchanged',
  'import.noErrors': 'No errors found. Confirm to import as shown above.',
  'import.hasErrors': '{n} errors in {rows} rows. Correct them in the spreadsheet and upload it again.',
  'import.nothingImported': 'Nothing has been imported.',
  'import.downloadErrors': 'Download the error list',
  'import.row': 'Row',
  'import.rowN': 'Row {n}',
  'import.field': 'Field',
  'import.reason': 'Reason',
  'import.confirm': 'Confirm import',
  'import.importing': 'Importing…',
  'import.done': 'Import complete: {n} rows',
  'import.lastRolledBack':
    'The last import ({who}, {at}) could not finish and was rolled back: nothing of it was kept.',
  'import.lastInterrupted':
    'The last import ({who}, {at}) was cut off before it finished and has been rolled back automatically: nothing of it was kept. Please import the file again.',
  'import.lastKept': '{n} records changed by someone else after the import were not rolled back.',
  'import.running': 'An import started by {who} at {at} is running; wait for it to finish.',
  'import.again': 'Import another file',
  'import.viewUnits': 'View units',
  'import.columns': 'Columns of the spreadsheet',
  'import.columnsHint':
    'The first row holds the column names: the Chinese or English names below (e.g. “Floors of the building”, 楼栋总层数 or floors), or common headers such as 楼号, 面积. One unit per row, optionally with one household. The header is row 1.',
  'import.ignored': 'These columns were not recognised and are ignored: {cols}',
  'import.busy': 'Another import into this property is running. Try again when it has finished.',
  'import.nothingChanged': 'The file matches what is already recorded; there is nothing to import.',
  'import.summaryValid': 'Once the errors above are corrected, the other rows will be imported as follows:',
  'import.column': 'Column',
  'import.meaning': 'Meaning',
  'import.col.building_code': 'Building code, e.g. 3',
  'import.col.building_name': 'Building name, e.g. Building 3',
  'import.col.floors': 'Number of floors of the building, e.g. 18',
  'import.col.room': 'Room in the building, e.g. 1502',
  'import.col.floor': 'Floor of the unit, e.g. 15',
  'import.col.area_sqm': 'Floor area in m², e.g. 89.50',
  'import.col.unit_type':
    'Unit type: residential, commercial, parking, storage, office (or 住宅, 商铺, 车位, 储藏室, 办公)',
  'import.col.household_kind':
    'Household kind: owner or tenant (or 业主, 租户; leave the household columns empty when none)',
  'import.col.household_name': 'Household name (optional)',
  'import.col.household_phone': 'Household phone (optional)',
  'import.col.move_in_date': 'Move-in date as 2024-05-01 (optional)',
  ...ticketsEn,
  ...findEn,
  ...ledgerEn,
  ...historyEn,
  ...importErrorsEn,
  ...notificationsEn,
  ...settingsEn,
  ...collectionEn,
};

export type Lang = 'zh-CN' | 'en';
const langKey = 'propdesk.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(langKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  try {
    localStorage.setItem(langKey, next);
  } catch {
    // not persisted
  }
  lang.value = next;
}

effect(() => {
  document.documentElement.lang = lang.value;
  document.title = lang.value === 'en' ? 'PropDesk' : '物业前台 PropDesk';
});

/** The message for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key: MsgKey, vars?: Record<string, string | number>): string {
  const text = (lang.value === 'en' ? en : zh)[key] ?? key;
  return vars
    ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
    : text;
}

/** `t` for keys built at run time (enum values from the API); falls back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in zh ? t(key as MsgKey) : fallback;
}

export const roleLabel = (role: Role | string) => tOr(`role.${role}`, role);
export const departmentLabel = (d: Department | string) => tOr(`dept.${d}`, d);
export const unitTypeLabel = (type: UnitType | string) => tOr(`unit.${type}`, type);
export const occupancyLabel = (o: string) => tOr(`unit.${o}`, o);
export const entityLabel = (e: string) => tOr(`entity.${e}`, e);
export const dayName = (d: number, short = false) => tOr(`${short ? 'dayShort' : 'day'}.${d}`, String(d));

/** Labels of record fields (API error paths, import columns, audit changes). */
const fieldKeys: Record<string, MsgKey> = {
  code: 'field.code',
  name: 'field.name',
  buildingCode: 'unit.building',
  city: 'property.city',
  address: 'property.address',
  hotline: 'property.hotline',
  serviceHours: 'property.serviceHours',
  billingDay: 'property.billingDay',
  dueDay: 'property.dueDay',
  timeZone: 'property.timeZone',
  floors: 'building.floors',
  floor: 'unit.floor',
  room: 'unit.room',
  roomCode: 'unit.roomCode',
  areaSqmX100: 'unit.area',
  area_sqm: 'unit.area',
  type: 'unit.type',
  unit_type: 'unit.type',
  occupancy: 'unit.occupancy',
  buildingId: 'unit.building',
  building_code: 'building.code',
  building_name: 'building.name',
  kind: 'household.kind',
  household_kind: 'household.kind',
  household_name: 'household.name',
  phone: 'household.phone',
  household_phone: 'household.phone',
  moveInDate: 'household.moveIn',
  move_in_date: 'household.moveIn',
  status: 'household.status',
  unitId: 'household.room',
  email: 'staff.email',
  department: 'staff.department',
  roles: 'staff.roles',
  propertyIds: 'staff.properties',
  active: 'staff.status',
};

export function fieldLabel(path: string): string {
  const head = path.split('.')[0] ?? path;
  const key = fieldKeys[path] ?? fieldKeys[head];
  return key ? t(key) : path;
}

/** A field's value in words: enum values translated, areas in m², service hours spelled out. */
export function fieldValue(field: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  switch (field) {
    case 'type':
      return unitTypeLabel(String(value));
    case 'occupancy':
      return occupancyLabel(String(value));
    case 'kind':
    case 'status':
      return tOr(`household.${value}`, String(value));
    case 'department':
      return departmentLabel(String(value));
    case 'roles':
      return Array.isArray(value) ? value.map((r) => roleLabel(String(r))).join('、') : null;
    case 'active':
      return value ? t('staff.active') : t('staff.inactive');
    case 'areaSqmX100':
      return typeof value === 'number' ? `${formatArea(value)} m²` : null;
    case 'serviceHours':
      return Array.isArray(value) ? hoursText(value as ServicePeriod[]) : null;
    default:
      return null;
  }
}

/** "周一至周五 09:00–18:00；周六、周日 10:00–16:00" */
export function hoursText(hours: ServicePeriod[] | undefined): string {
  if (!hours?.length) return t('property.noHours');
  const sep = lang.value === 'en' ? '; ' : '；';
  return hours
    .map((h) => {
      const ranges = dayRanges(h.days);
      const days =
        ranges.length === 1 && ranges[0]!.length === 7
          ? t('property.everyDay')
          : ranges
              .map((r) =>
                r.length > 2
                  ? `${dayName(r[0]!)}${lang.value === 'en' ? '–' : '至'}${dayName(r[r.length - 1]!)}`
                  : r.map((d) => dayName(d)).join(lang.value === 'en' ? ', ' : '、'),
              )
              .join(lang.value === 'en' ? ', ' : '、');
      return `${days} ${h.from}–${h.to}`;
    })
    .join(sep);
}

export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang.value, {
      timeZone: timeZone || undefined,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(date);
  } catch {
    return date.toLocaleString(lang.value);
  }
}

/**
 * The sentence kept for an API error code (`apiError.<code>`), when there is one, its `{placeholders}`
 * filled from the error's details (e.g. the month of `month_billed`).
 */
export function codeSentence(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const key = `apiError.${error.code}`;
  if (!(key in zh)) return null;
  const { details } = error;
  const vars = details && typeof details === 'object' && !Array.isArray(details) ? details : undefined;
  return t(key as MsgKey, vars as Record<string, string | number> | undefined);
}

/** One sentence for an error, in the user's language. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  const coded = codeSentence(error);
  if (coded) return coded;
  if (error.status === 0) return t('error.network');
  if (error.code === 'stale_version') return t('error.stale');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 401) return t('error.unauthorized');
  if (error.status === 413 || error.code === 'payload_too_large') return t('error.tooLarge');
  if (error.code === 'import_in_progress') return t('import.busy');
  if (error.status === 415) return t('import.badType');
  if (error.status === 409)
    return /duplicate|exists|taken/i.test(error.code) ? t('error.duplicate') : t('error.conflict');
  if (error.status === 400 && error.code === 'invalid_input') return t('error.invalid');
  if (error.status === 400 && error.code === 'bad_file') return error.message;
  if (error.status >= 500) return t('error.server');
  return error.message || t('error.unknown');
}
