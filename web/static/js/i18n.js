// The console's own wording, Chinese first, English available; the choice
// is kept in localStorage. The domain's terms (levels, categories,
// statuses, roles, …) are not here: their labels come from the vocabulary
// (vocab.js), the words the API and the ledgers use.

const zh = {
  'nav.reports': '举报',
  'reports.title': '举报投诉', 'reports.hint': '本单位范围内的举报及其核查时限（公安部令第120号第十八条）：疏散通道、安全出口堵塞锁闭和消防设施损坏停用的，24小时内核查；其他的，3个工作日内核查。',
  'reports.open': '待核查', 'reports.overdue': '超时未核查', 'reports.count': '共 {n} 条', 'reports.none': '没有举报。',
  'reports.where': '场所或地址', 'reports.received_at': '受理时间', 'reports.due_at': '核查期限', 'reports.clock': '时限',
  'reports.outcome': '处理结果', 'reports.left': '剩余约 {h} 小时', 'reports.overdue_by': '已超时约 {h} 小时',
  'reports.in_time': '按时核查', 'reports.late': '超时核查', 'work.reports_link': '举报投诉及其核查时限',
  'venues.public_code': '场所码', 'venues.public_page': '公开页面', 'venues.sticker': '打印门贴（PDF）',
  'venues.rotate_code': '更换场所码…', 'venues.rotate_confirm': '更换后，旧二维码立即失效，需要重新张贴门贴。确定更换吗？', 'venues.code_rotated': '场所码已更换，请打印新门贴。',
  'nav.documents': '文书',
  'documents.title': '法律文书', 'documents.hint': '本单位范围内的法律文书：待送达的、逾期未送达的（超过送达期限），或全部。',
  'documents.show': '显示', 'documents.unserved': '待送达', 'documents.overdue': '逾期未送达', 'documents.count': '共 {n} 份',
  'documents.number': '文书编号', 'documents.unnumbered': '（未编号）', 'documents.serve_by': '送达期限', 'documents.issued_at': '签发时间',
  'documents.pdf': 'PDF', 'documents.void': '作废…', 'documents.void_reason': '作废原因：', 'documents.voided': '文书已作废。',
  'documents.of_venue': '法律文书', 'documents.of_inspection': '法律文书',
  'review.type_extension': '延期', 'review.extension_title': '延期整改申请', 'review.old_deadline': '原整改期限',
  'review.requested_deadline': '申请延至', 'review.reason': '申请理由', 'review.decide_by': '应于此日前决定',
  'review.approve_extension': '批准延期', 'review.reject_extension': '驳回申请', 'review.extension_decided': '已决定。',
  'ledgers.documents': '文书台账', 'ledgers.documents_hint': '按下列条件导出本单位范围内的法律文书：编号、类型、场所、签发、送达及送达人。',
  'app.title': '九小场所消防检查 · 督导控制台',
  'nav.dashboard': '概览', 'nav.review': '审核', 'nav.venues': '场所', 'nav.ledgers': '台账', 'nav.logout': '退出',
  'nav.work': '待办', 'nav.menu': '菜单',

  'common.loading': '加载中…', 'common.apply': '查询', 'common.search': '搜索', 'common.close': '关闭',
  'common.none': '暂无记录', 'common.more': '加载更多', 'common.retry': '重试', 'common.any': '全部', 'common.all_levels': '全部等级',
  'common.all_categories': '全部类别', 'common.all_grids': '全部网格',

  'login.title': '督导控制台登录', 'login.subtitle': '使用与移动端相同的账号登录。',
  'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
  'login.failed': '用户名或密码错误，或账号已停用。', 'login.expired': '登录已过期，请重新登录。',

  'officer.title': '本控制台供督导人员使用',
  'officer.body': '您登录的是民警/网格员账号。检查任务请在移动端完成；审核、验收和改级由派出所、分局或市局督导在此处理。',
  'officer.probing': '正在向服务器确认权限…',
  'officer.refused': '服务器拒绝了督导操作：{answer}',
  'officer.unexpected': '服务器未拒绝督导操作，请联系管理员。',

  'dash.title': '工作概览', 'dash.from': '起', 'dash.to': '止', 'dash.my_scope': '本单位',
  'dash.this_month': '本月', 'dash.this_quarter': '本季度', 'dash.this_year': '本年',
  'dash.venues': '场所', 'dash.venues_total': '在营场所',
  'dash.inspections': '检查（到期日在区间内）', 'dash.due': '应检', 'dash.done': '已检', 'dash.on_time': '按时完成',
  'dash.overdue': '逾期未检', 'dash.completion_rate': '完成率',
  'dash.hazards': '隐患（区间内发现）', 'dash.found': '发现', 'dash.fixed_by_deadline': '限期内整改',
  'dash.hazards_overdue': '逾期未改',
  'dash.grids': '各网格进度（落后的在前）', 'dash.behind': '落后', 'dash.behind_only': '只看落后网格',
  'dash.grids_hint': '按完成率从低到高、逾期从多到少排列；有逾期检查或逾期隐患的网格标为“落后”。',
  'dash.grids_count': '{total} 个网格中 {behind} 个落后', 'dash.no_grid_behind': '没有落后的网格。',

  'review.title': '审核', 'review.queue': '待审核事项', 'review.queue_empty': '没有待审核的检查或整改。',
  'review.pick': '请从左侧选择一项。', 'review.type_inspection': '检查', 'review.type_hazard': '整改',
  'review.off_site': '偏离', 'review.off_site_long': '偏离场所（超出签到半径）', 'review.on_site': '在场',
  'review.due_date': '截止日期', 'review.officer': '检查人',
  'review.submitted_at': '提交时间', 'review.review_comment': '审核意见', 'review.overdue': '逾期',
  'review.checkin': '签到', 'review.not_started': '尚未开始检查。', 'review.started_at': '签到时间',
  'review.position': '签到位置', 'review.distance': '距场所',
  'review.checklist': '检查项', 'review.no_checklist': '没有检查项记录。', 'review.item': '检查项',
  'review.note': '备注',
  'review.hazards': '隐患', 'review.no_hazards': '未发现隐患。', 'review.hazard_title': '隐患整改',
  'review.venue': '场所', 'review.description': '描述', 'review.deadline': '整改期限', 'review.found_in': '发现于',
  'review.open_inspection': '查看检查',
  'review.no_photos': '无照片', 'review.photo': '照片', 'review.photo_open': '查看大图',
  'review.rectification': '整改情况', 'review.rectified_at': '整改时间', 'review.rectified_by': '整改记录人',
  'review.notes': '检查备注', 'review.decision': '审核决定', 'review.comment': '意见',
  'review.comment_ph': '退回时必须说明需要更正的内容', 'review.approve': '通过', 'review.return': '退回', 'review.reject': '驳回',
  'review.return_needs_comment': '退回前请填写意见，说明需要更正的内容。',
  'review.approved_ok': '检查已通过。', 'review.returned_ok': '检查已退回给检查人。',
  'review.verify_comment': '验收意见', 'review.verify_comment_ph': '不通过时必须说明理由',
  'review.verify_accept': '验收通过', 'review.verify_reject': '验收不通过',
  'review.reject_needs_comment': '验收不通过时请说明理由。',
  'review.verified_ok': '整改已验收。', 'review.rejected_ok': '整改未通过验收，隐患已重新打开。',
  'review.reclass_comment_ph': '意见（可选）',
  'review.reclassifications': '待审批的等级调整', 'review.reclass_empty': '没有待审批的等级调整。',
  'review.filed_by': '申请人', 'review.system': '系统（隐患逾期升级）',
  'review.reclass_approved': '等级调整已批准。', 'review.reclass_rejected': '等级调整已驳回。',

  'venues.title': '场所', 'venues.q': '名称或地址', 'venues.q_ph': '输入名称、地址关键字',
  'venues.list': '列表', 'venues.map': '地图',
  'venues.count': '共 {n} 个场所', 'venues.count_more': '已显示 {n} 个场所（还有更多）', 'venues.none': '没有符合条件的场所。',
  'venues.name': '名称', 'venues.address': '地址', 'venues.contact': '联系人', 'venues.license': '统一社会信用代码',
  'venues.position': '坐标', 'venues.updated_at': '更新时间', 'venues.history': '等级变更记录',
  'venues.changed_at': '时间', 'venues.change': '变更', 'venues.reason': '理由',
  'owners.title': '场所负责人与自查', 'owners.self_inspections': '每月自查', 'owners.month': '月份', 'owners.failed': '不合格项',
  'owners.filed_at': '提交时间', 'owners.none_failed': '无', 'owners.sessions': '负责人登录', 'owners.phone': '手机号',
  'owners.started': '登录时间', 'owners.last_seen': '最近使用', 'owners.revoke': '注销', 'owners.ended': '已结束',
  'owners.invites': '邀请', 'owners.made': '发出时间', 'owners.expires': '有效期至', 'owners.state': '状态',
  'owners.invite_pending': '待使用', 'owners.invite_used': '已使用', 'owners.invite_revoked': '已撤回', 'owners.invite_expired': '已过期',
  'owners.invite_locked': '已锁定', 'owners.invite': '邀请负责人', 'owners.link_once': '一次性邀请链接（仅显示这一次，7天内有效）：',
  'owners.qr': '邀请二维码', 'owners.by_owner': '负责人整改',
  'venues.inspections': '检查记录', 'venues.hazards': '隐患记录', 'venues.found_at': '发现时间',
  'venues.in_grid': '所在网格的场所', 'venues.map_empty': '没有可显示的场所。', 'venues.zoom_in': '放大', 'venues.zoom_out': '缩小', 'venues.zoom_reset': '复位',

  'ledgers.title': '台账导出', 'ledgers.inspections': '检查台账', 'ledgers.hazards': '隐患台账',
  'ledgers.inspections_hint': '按下列条件导出本单位范围内的检查记录（不选状态时不含已取消的）。',
  'ledgers.hazards_hint': '按下列条件导出本单位范围内的隐患及整改情况。',
  'ledgers.due_before': '截止日期早于', 'ledgers.overdue_only': '仅逾期', 'ledgers.not_overdue': '未逾期',
  'ledgers.download_csv': '下载 CSV', 'ledgers.download_xlsx': '下载 Excel',
  'ledgers.preparing': '正在生成…', 'ledgers.saved': '已下载 {name}（{size}）',
  'ledgers.month': '月份', 'ledgers.month_hint': '台账按月导出（默认上月）；清空月份则不限时间。',
  'ledgers.all_time': '全部时间', 'ledgers.counting': '正在统计…',
  'ledgers.count': '{period}共 {n} 条记录', 'ledgers.no_rows': '{period}没有记录，无需下载。',

  'common.table': '表格',
  'review.late': '逾期提交', 'review.filter_type': '类型', 'review.sort': '排序',
  'review.sort_oldest': '最早的在前', 'review.sort_newest': '最新的在前', 'review.major_only': '涉及重大隐患',
  'review.queue_count': '共 {n} 项待审核', 'review.decided_by': '审核人',
  'review.reclass_reject_needs_comment': '驳回前请填写意见，说明理由。',
  'work.title': '待办工作', 'work.overdue_inspections': '逾期未检', 'work.overdue_hazards': '逾期未改隐患',
  'work.reinspections': '待复查', 'work.count': '共 {n} 条', 'work.count_more': '显示前 {n} 条（还有更多）', 'work.none': '没有需要处理的事项。',
  'work.figure_cut': '与概览的逾期未检数一致：计划内检查，应检日期 {from} 至 {to}。', 'work.figure_clear': '显示全部逾期', 'work.open_venue': '查看场所', 'work.lists': '待办清单', 'work.all': '全部', 'work.documents': '待送达文书与报告',
  'dash.unit': '单位', 'dash.subtotals': '分局、派出所小计',
  'trend.title': '近 12 个月趋势', 'trend.found': '发现隐患', 'trend.fixed': '已整改',
  'trend.summary': '{name}：本月完成率 {rate}，发现隐患 {found} 处，已整改 {fixed} 处',
  'venues.created': '建档', 'venues.approver': '审批人及意见',
  'venues.map_hint': '点击地图后可用滚轮缩放；方向键平移，+/− 缩放。', 'venues.cluster': '{n} 个场所', 'venues.layer_hazards': '显示未整改隐患',
  'venues.hazards_layer': '未整改隐患（按类别）', 'venues.picked': '已选：', 'venues.open_page': '打开场所页面', 'venues.map_label': '场所地图，共 {n} 个场所',
  'print.print': '打印', 'print.inspection_title': '九小场所消防安全检查记录', 'review.filters': '筛选',
  'err.network': '无法连接服务器，请检查网络后重试。',
  'err.400': '请求无法识别，请刷新页面后重试。',
  'err.401': '登录已过期，请重新登录。',
  'err.403': '您的账号无权进行此操作。如需办理，请联系上级督导或管理员。',
  'err.404': '未找到该记录：可能已被删除，或不在您的管辖范围内。',
  'err.409': '该记录已被他人处理或已变更，已为您重新加载最新情况。',
  'err.412': '该记录已被他人修改，请重新加载后再试。',
  'err.422': '填写的内容有误，请检查后重试：',
  'err.429': '操作过于频繁，请稍候再试。',
  'err.500': '服务器出错，请稍后重试；如反复出现，请联系管理员。',
  'err.503': '服务器繁忙，请稍后重试。',
  'err.other': '操作未成功（{status}），请稍后重试。',
  'err.field': '{field}填写有误',
  'err.field.to': '止日期不能早于起日期',
  'err.field.from': '起日期有误',
  'err.field.comment': '意见有误（退回、驳回时必须填写）',
  'err.field.reason': '理由有误',
  'err.field.status': '当前状态不允许此操作',
  'err.field.org_unit_id': '所选单位不在您的管辖范围内',
  'err.field.q': '搜索条件有误',
  'err.not_found_page': '没有找到要打开的页面或记录。',
  'err.back': '返回',
};

const en = {
  'nav.reports': 'Reports',
  'reports.title': 'Reports', 'reports.hint': 'The reports in your scope on their legal clock (MPS Order 120, art. 18): blocked or locked exits and fire facilities out of order are checked within 24 hours; the others within 3 working days.',
  'reports.open': 'To check', 'reports.overdue': 'Overdue', 'reports.count': '{n} reports', 'reports.none': 'No reports.',
  'reports.where': 'Venue or address', 'reports.received_at': 'Received at', 'reports.due_at': 'Due', 'reports.clock': 'Clock',
  'reports.outcome': 'Outcome', 'reports.left': 'About {h} h left', 'reports.overdue_by': 'About {h} h late',
  'reports.in_time': 'Checked in time', 'reports.late': 'Checked late', 'work.reports_link': 'Reports on their legal clock',
  'venues.public_code': 'Venue code', 'venues.public_page': 'Public page', 'venues.sticker': 'Print the door sticker (PDF)',
  'venues.rotate_code': 'New venue code…', 'venues.rotate_confirm': 'The old QR code stops working at once and the sticker must be printed again. Go ahead?', 'venues.code_rotated': 'The venue has a new code: print its new sticker.',
  'nav.documents': 'Documents',
  'documents.title': 'Legal documents', 'documents.hint': 'The legal documents in your scope: still to serve, overdue to serve (past their serve-by date), or all.',
  'documents.show': 'Show', 'documents.unserved': 'To serve', 'documents.overdue': 'Overdue to serve', 'documents.count': '{n} documents',
  'documents.number': 'Number', 'documents.unnumbered': '(no number yet)', 'documents.serve_by': 'Serve by', 'documents.issued_at': 'Issued at',
  'documents.pdf': 'PDF', 'documents.void': 'Void…', 'documents.void_reason': 'Why is it void?', 'documents.voided': 'The document is void.',
  'documents.of_venue': 'Legal documents', 'documents.of_inspection': 'Legal documents',
  'review.type_extension': 'Extension', 'review.extension_title': 'Request to extend a deadline', 'review.old_deadline': 'Deadline now',
  'review.requested_deadline': 'Asked for', 'review.reason': 'Reason', 'review.decide_by': 'Decide by',
  'review.approve_extension': 'Approve', 'review.reject_extension': 'Reject', 'review.extension_decided': 'Decided.',
  'ledgers.documents': 'Document ledger (文书台账)', 'ledgers.documents_hint': 'The legal documents in your scope that match: number, kind, venue, issue, service and who served them.',
  'app.title': 'Jiuxiao fire-safety inspection · Supervisor console',
  'nav.dashboard': 'Dashboard', 'nav.review': 'Review', 'nav.venues': 'Venues', 'nav.ledgers': 'Ledgers', 'nav.logout': 'Log out',
  'nav.work': 'Work', 'nav.menu': 'Menu',

  'common.loading': 'Loading…', 'common.apply': 'Apply', 'common.search': 'Search', 'common.close': 'Close',
  'common.none': 'Nothing yet', 'common.more': 'Load more', 'common.retry': 'Try again', 'common.any': 'Any', 'common.all_levels': 'All levels',
  'common.all_categories': 'All categories', 'common.all_grids': 'All grids',

  'login.title': 'Supervisor console', 'login.subtitle': 'Log in with the same account as on the mobile app.',
  'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Log in',
  'login.failed': 'Wrong username or password, or the account is inactive.', 'login.expired': 'Your session has ended; please log in again.',

  'officer.title': 'This console is for supervisors',
  'officer.body': 'You are logged in with an officer account. Inspections are done in the mobile app; reviews, fix verification and reclassifications are decided here by station, district or city supervisors.',
  'officer.probing': 'Asking the server what this account may do…',
  'officer.refused': 'The server refuses supervisor actions to this account: {answer}',
  'officer.unexpected': 'The server did not refuse a supervisor action; please tell an administrator.',

  'dash.title': 'Dashboard', 'dash.from': 'From', 'dash.to': 'To', 'dash.my_scope': 'My unit',
  'dash.this_month': 'This month', 'dash.this_quarter': 'This quarter', 'dash.this_year': 'This year',
  'dash.venues': 'Venues', 'dash.venues_total': 'Active venues',
  'dash.inspections': 'Inspections (due in the range)', 'dash.due': 'Due', 'dash.done': 'Done', 'dash.on_time': 'On time',
  'dash.overdue': 'Overdue', 'dash.completion_rate': 'Completion',
  'dash.hazards': 'Hazards (found in the range)', 'dash.found': 'Found', 'dash.fixed_by_deadline': 'Fixed by deadline',
  'dash.hazards_overdue': 'Past deadline',
  'dash.grids': 'Grids, worst first', 'dash.behind': 'Behind', 'dash.behind_only': 'Only grids behind schedule',
  'dash.grids_hint': 'Lowest completion first, then most overdue; a grid with overdue inspections or hazards is marked behind.',
  'dash.grids_count': '{behind} of {total} grids behind schedule', 'dash.no_grid_behind': 'No grid is behind schedule.',

  'review.title': 'Review', 'review.queue': 'Waiting for review', 'review.queue_empty': 'Nothing waits for review.',
  'review.pick': 'Pick an item on the left.', 'review.type_inspection': 'Inspection', 'review.type_hazard': 'Fix',
  'review.off_site': 'Off site', 'review.off_site_long': 'Off site (beyond the check-in radius)', 'review.on_site': 'On site',
  'review.due_date': 'Due', 'review.officer': 'Inspected by',
  'review.submitted_at': 'Submitted at', 'review.review_comment': 'Review comment', 'review.overdue': 'Overdue',
  'review.checkin': 'Check-in', 'review.not_started': 'Not started yet.', 'review.started_at': 'Started',
  'review.position': 'Position', 'review.distance': 'Distance to venue',
  'review.checklist': 'Checklist', 'review.no_checklist': 'No checklist answers.', 'review.item': 'Item',
  'review.note': 'Note',
  'review.hazards': 'Hazards', 'review.no_hazards': 'No hazards found.', 'review.hazard_title': 'Hazard fix',
  'review.venue': 'Venue', 'review.description': 'Description', 'review.deadline': 'Deadline', 'review.found_in': 'Found in',
  'review.open_inspection': 'Open the inspection',
  'review.no_photos': 'No photos', 'review.photo': 'Photo', 'review.photo_open': 'Enlarge',
  'review.rectification': 'Fix', 'review.rectified_at': 'Fixed at', 'review.rectified_by': 'Recorded by',
  'review.notes': 'Notes', 'review.decision': 'Decision', 'review.comment': 'Comment',
  'review.comment_ph': 'Required when returning: say what is to be corrected', 'review.approve': 'Approve', 'review.return': 'Return',
  'review.reject': 'Reject', 'review.return_needs_comment': 'Say what is to be corrected before returning it.',
  'review.approved_ok': 'Inspection approved.', 'review.returned_ok': 'Inspection returned to its officer.',
  'review.verify_comment': 'Comment', 'review.verify_comment_ph': 'Required when the fix is rejected',
  'review.verify_accept': 'Accept the fix', 'review.verify_reject': 'Reject the fix',
  'review.reject_needs_comment': 'Say why the fix is rejected.',
  'review.verified_ok': 'Fix verified.', 'review.rejected_ok': 'Fix rejected; the hazard is open again.',
  'review.reclass_comment_ph': 'Comment (optional)',
  'review.reclassifications': 'Reclassifications to decide', 'review.reclass_empty': 'No reclassification waits.',
  'review.filed_by': 'Filed by', 'review.system': 'the system (escalation)',
  'review.reclass_approved': 'Reclassification approved.', 'review.reclass_rejected': 'Reclassification rejected.',

  'venues.title': 'Venues', 'venues.q': 'Name or address', 'venues.q_ph': 'Words of a name or an address',
  'venues.list': 'List', 'venues.map': 'Map',
  'venues.count': '{n} venues', 'venues.count_more': '{n} venues shown (more match)', 'venues.none': 'No venue matches.',
  'venues.name': 'Name', 'venues.address': 'Address', 'venues.contact': 'Contact', 'venues.license': 'Licence (USCC)',
  'venues.position': 'Position', 'venues.updated_at': 'Updated', 'venues.history': 'Level history',
  'venues.changed_at': 'When', 'venues.change': 'Change', 'venues.reason': 'Reason',
  'owners.title': 'Owner and self-inspections', 'owners.self_inspections': 'Monthly self-inspections', 'owners.month': 'Month', 'owners.failed': 'Failed items',
  'owners.filed_at': 'Filed', 'owners.none_failed': 'none', 'owners.sessions': 'Owner sessions', 'owners.phone': 'Phone',
  'owners.started': 'Started', 'owners.last_seen': 'Last used', 'owners.revoke': 'Revoke', 'owners.ended': 'ended',
  'owners.invites': 'Invitations', 'owners.made': 'Sent', 'owners.expires': 'Expires', 'owners.state': 'State',
  'owners.invite_pending': 'pending', 'owners.invite_used': 'used', 'owners.invite_revoked': 'withdrawn', 'owners.invite_expired': 'expired',
  'owners.invite_locked': 'locked', 'owners.invite': 'Invite the owner', 'owners.link_once': 'One-time invitation link (shown this once, valid 7 days):',
  'owners.qr': 'Invitation QR code', 'owners.by_owner': 'fixed by the owner',
  'venues.inspections': 'Inspections', 'venues.hazards': 'Hazards', 'venues.found_at': 'Found',
  'venues.in_grid': 'Venues of its grid', 'venues.map_empty': 'No venue to show.', 'venues.zoom_in': 'Zoom in', 'venues.zoom_out': 'Zoom out', 'venues.zoom_reset': 'Reset',

  'ledgers.title': 'Ledgers', 'ledgers.inspections': 'Inspection ledger', 'ledgers.hazards': 'Hazard ledger (隐患台账)',
  'ledgers.inspections_hint': 'The inspections in your scope that match (cancelled ones only when asked for by status).',
  'ledgers.hazards_hint': 'The hazards in your scope that match, with their fixes.',
  'ledgers.due_before': 'Due before', 'ledgers.overdue_only': 'Overdue only', 'ledgers.not_overdue': 'Not overdue',
  'ledgers.download_csv': 'Download CSV', 'ledgers.download_xlsx': 'Download Excel',
  'ledgers.preparing': 'Preparing…', 'ledgers.saved': 'Saved {name} ({size})',
  'ledgers.month': 'Month', 'ledgers.month_hint': 'A ledger covers a month (last month unless you pick another); clear the month for all time.',
  'ledgers.all_time': 'all time', 'ledgers.counting': 'Counting…',
  'ledgers.count': '{n} rows for {period}', 'ledgers.no_rows': 'No rows for {period}: nothing to download.',

  'common.table': 'Table',
  'review.late': 'Late', 'review.filter_type': 'Type', 'review.sort': 'Sort',
  'review.sort_oldest': 'Oldest first', 'review.sort_newest': 'Newest first', 'review.major_only': 'With a major hazard',
  'review.queue_count': '{n} waiting', 'review.decided_by': 'Decided by',
  'review.reclass_reject_needs_comment': 'Say why before rejecting it.',
  'work.title': 'Work to do', 'work.overdue_inspections': 'Overdue inspections', 'work.overdue_hazards': 'Hazards past their deadline',
  'work.reinspections': 'Reinspections to do', 'work.count': '{n} items', 'work.count_more': 'The first {n} (more match)', 'work.none': 'Nothing to do here.',
  'work.figure_cut': 'As counted by the dashboard: planned inspections due {from} to {to}.', 'work.figure_clear': 'Show all overdue', 'work.open_venue': 'Open the venue', 'work.lists': 'Work lists', 'work.all': 'All', 'work.documents': 'Documents to serve and reports',
  'dash.unit': 'Unit', 'dash.subtotals': 'Subtotals by district and station',
  'trend.title': 'The last 12 months', 'trend.found': 'Hazards found', 'trend.fixed': 'Fixed',
  'trend.summary': '{name}: completion this month {rate}, {found} hazards found, {fixed} fixed',
  'venues.created': 'Registered', 'venues.approver': 'Approved by, and comment',
  'venues.map_hint': 'Click the map to zoom with the wheel; arrow keys pan, + and − zoom.', 'venues.cluster': '{n} venues', 'venues.layer_hazards': 'Show open hazards',
  'venues.hazards_layer': 'Open hazards (by category)', 'venues.picked': 'Picked:', 'venues.open_page': 'Open the venue page', 'venues.map_label': 'Map of {n} venues',
  'print.print': 'Print', 'print.inspection_title': 'Fire-safety inspection record of a small venue', 'review.filters': 'Filters',
  'err.network': 'The server cannot be reached; check the connection and try again.',
  'err.400': 'The request was not understood; reload the page and try again.',
  'err.401': 'Your session has ended; please log in again.',
  'err.403': 'Your account may not do this. Ask your supervisor or an administrator if it needs doing.',
  'err.404': 'Not found: it may have been deleted, or it is outside your area.',
  'err.409': 'Someone else has dealt with this or it has changed; it has been reloaded for you.',
  'err.412': 'Someone else has changed this; reload it and try again.',
  'err.422': 'Some fields need correcting:',
  'err.429': 'Too many attempts; wait a moment and try again.',
  'err.500': 'The server failed; try again later, and tell an administrator if it keeps happening.',
  'err.503': 'The server is busy; try again in a moment.',
  'err.other': 'That did not work ({status}); try again later.',
  'err.field': '{field} is not right',
  'err.field.to': 'The end date may not be before the start date',
  'err.field.from': 'The start date is not right',
  'err.field.comment': 'The comment is not right (one is needed to return or reject)',
  'err.field.reason': 'The reason is not right',
  'err.field.status': 'Its status does not allow this',
  'err.field.org_unit_id': 'The unit chosen is outside your area',
  'err.field.q': 'The search is not right',
  'err.not_found_page': 'The page or record to open was not found.',
  'err.back': 'Back',
};

const dicts = { zh, en };
const STORE = 'jx.lang';

let lang = 'zh';
try {
  const saved = localStorage.getItem(STORE);
  if (saved && dicts[saved]) lang = saved;
} catch {
  /* storage may be off: Chinese then */
}

export function getLang() {
  return lang;
}

export function setLang(l) {
  if (!dicts[l]) return;
  lang = l;
  try {
    localStorage.setItem(STORE, l);
  } catch {
    /* the choice lasts for this page only */
  }
}

/** has reports whether the console has its own wording for key. */
export function has(key) {
  return key in dicts[lang] || key in zh;
}

/** t looks a key up in the current language ({name} placeholders filled). */
export function t(key, params) {
  let s = dicts[lang][key] ?? zh[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/** translateStatic fills the elements marked data-i18n in the page. */
export function translateStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
