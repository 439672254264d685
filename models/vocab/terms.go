package vocab

// The terms, set by set. Each set is a named type, its values as constants,
// the set (values in order, with their zh and en labels), and the type's
// Parse, Valid, ZH and EN. The Chinese is the one word a station's
// supervisor would use, and the console, the ledgers and the documents show
// only it. docs/ARCHITECTURE.md says how to add a term or a set.

// ---- venues -----------------------------------------------------------------

// RiskLevel is a venue's fire risk level (红黄绿分级分类管理), highest first.
type RiskLevel string

// Risk levels.
const (
	Red    RiskLevel = "red"
	Yellow RiskLevel = "yellow"
	Green  RiskLevel = "green"
)

// RiskLevels are the risk levels, highest first.
var RiskLevels = newSet("risk_level", "风险等级", "Risk level", []Term[RiskLevel]{
	{Red, "红色", "Red"},
	{Yellow, "黄色", "Yellow"},
	{Green, "绿色", "Green"},
})

// ParseRiskLevel reads a risk level.
func ParseRiskLevel(s string) (RiskLevel, error) { return RiskLevels.Parse(s) }

// Valid reports whether v is a risk level.
func (v RiskLevel) Valid() bool { return RiskLevels.Has(v) }

// ZH is the Chinese label.
func (v RiskLevel) ZH() string { return RiskLevels.ZH(v) }

// EN is the English label.
func (v RiskLevel) EN() string { return RiskLevels.EN(v) }

// Category is the kind of small venue: the nine of 九小场所.
type Category string

// Venue categories.
const (
	Shop          Category = "shop"
	Restaurant    Category = "restaurant"
	Hotel         Category = "hotel"
	Entertainment Category = "entertainment"
	InternetCafe  Category = "internet_cafe"
	BeautyBath    Category = "beauty_bath"
	School        Category = "school"
	Clinic        Category = "clinic"
	Workshop      Category = "workshop"
)

// Categories are the nine categories.
var Categories = newSet("category", "场所类别", "Category", []Term[Category]{
	{Shop, "小商店", "Shop"},
	{Restaurant, "小餐饮", "Restaurant"},
	{Hotel, "小旅馆", "Hotel"},
	{Entertainment, "小歌舞娱乐", "Entertainment"},
	{InternetCafe, "小网吧", "Internet café"},
	{BeautyBath, "小美容洗浴", "Beauty & bath"},
	{School, "小学校/幼儿园", "School / kindergarten"},
	{Clinic, "小医院/诊所", "Clinic"},
	{Workshop, "小生产加工", "Workshop"},
})

// ParseCategory reads a venue category.
func ParseCategory(s string) (Category, error) { return Categories.Parse(s) }

// Valid reports whether v is a venue category.
func (v Category) Valid() bool { return Categories.Has(v) }

// ZH is the Chinese label.
func (v Category) ZH() string { return Categories.ZH(v) }

// EN is the English label.
func (v Category) EN() string { return Categories.EN(v) }

// VenueStatus is whether a venue is still in business (and inspected).
type VenueStatus string

// Venue statuses.
const (
	VenueActive VenueStatus = "active"
	VenueClosed VenueStatus = "closed"
)

// VenueStatuses are the venue statuses.
var VenueStatuses = newSet("venue_status", "场所状态", "Venue status", []Term[VenueStatus]{
	{VenueActive, "在营", "Active"},
	{VenueClosed, "已停业", "Closed"},
})

// ParseVenueStatus reads a venue status.
func ParseVenueStatus(s string) (VenueStatus, error) { return VenueStatuses.Parse(s) }

// Valid reports whether v is a venue status.
func (v VenueStatus) Valid() bool { return VenueStatuses.Has(v) }

// ZH is the Chinese label.
func (v VenueStatus) ZH() string { return VenueStatuses.ZH(v) }

// EN is the English label.
func (v VenueStatus) EN() string { return VenueStatuses.EN(v) }

// Interval is how often a risk level is inspected (the policy's data).
type Interval string

// Intervals of the policy.
const (
	Monthly    Interval = "monthly"
	Quarterly  Interval = "quarterly"
	HalfYearly Interval = "half_yearly"
	Yearly     Interval = "yearly"
	Biennial   Interval = "biennial"
	Triennial  Interval = "triennial"
)

// Intervals are the intervals a policy may use, shortest first.
var Intervals = newSet("interval", "检查周期", "Interval", []Term[Interval]{
	{Monthly, "每月", "Monthly"},
	{Quarterly, "每季度", "Quarterly"},
	{HalfYearly, "每半年", "Half-yearly"},
	{Yearly, "每年", "Yearly"},
	{Biennial, "每两年", "Every two years"},
	{Triennial, "每三年", "Every three years"},
})

// ParseInterval reads an interval.
func ParseInterval(s string) (Interval, error) { return Intervals.Parse(s) }

// Valid reports whether v is an interval.
func (v Interval) Valid() bool { return Intervals.Has(v) }

// ZH is the Chinese label.
func (v Interval) ZH() string { return Intervals.ZH(v) }

// EN is the English label.
func (v Interval) EN() string { return Intervals.EN(v) }

// ReclassificationStatus is where a proposed level change (等级调整) stands.
type ReclassificationStatus string

// Reclassification statuses.
const (
	ReclassPending  ReclassificationStatus = "pending"
	ReclassApproved ReclassificationStatus = "approved"
	ReclassRejected ReclassificationStatus = "rejected"
)

// ReclassificationStatuses are the reclassification statuses.
var ReclassificationStatuses = newSet("reclassification_status", "等级调整状态", "Reclassification status", []Term[ReclassificationStatus]{
	{ReclassPending, "待审批", "Pending"},
	{ReclassApproved, "已批准", "Approved"},
	{ReclassRejected, "已驳回", "Rejected"},
})

// ParseReclassificationStatus reads a reclassification status.
func ParseReclassificationStatus(s string) (ReclassificationStatus, error) {
	return ReclassificationStatuses.Parse(s)
}

// Valid reports whether v is a reclassification status.
func (v ReclassificationStatus) Valid() bool { return ReclassificationStatuses.Has(v) }

// ZH is the Chinese label.
func (v ReclassificationStatus) ZH() string { return ReclassificationStatuses.ZH(v) }

// EN is the English label.
func (v ReclassificationStatus) EN() string { return ReclassificationStatuses.EN(v) }

// ---- inspections --------------------------------------------------------------

// InspectionKind is why an inspection is made.
type InspectionKind string

// Inspection kinds.
const (
	// Routine inspections are made by the schedule (日常消防监督检查).
	Routine InspectionKind = "routine"
	// Reinspection (复查) checks the hazards that had a deadline.
	Reinspection InspectionKind = "reinspection"
	// AdHoc inspections are started by an officer.
	AdHoc InspectionKind = "ad_hoc"
	// Complaint inspections check a report (举报投诉核查), on its legal clock.
	Complaint InspectionKind = "complaint"
)

// InspectionKinds are the inspection kinds.
var InspectionKinds = newSet("inspection_kind", "检查类型", "Inspection kind", []Term[InspectionKind]{
	{Routine, "日常检查", "Routine"},
	{Reinspection, "复查", "Reinspection"},
	{AdHoc, "临时检查", "Ad hoc"},
	{Complaint, "举报核查", "Complaint check"},
})

// Planned reports whether inspections of this kind are the schedule's
// work: every kind but ad hoc, which an officer starts and which is counted
// on its own. The dashboard's due, done, on-time and overdue figures count
// planned kinds only (the stats triggers of migration 00010 use the same
// rule), and GET /inspections?planned=true keeps them.
func (v InspectionKind) Planned() bool { return v.Valid() && v != AdHoc }

// PlannedInspectionKinds are the kinds that are planned, in the vocabulary's order.
func PlannedInspectionKinds() []InspectionKind {
	var out []InspectionKind
	for _, k := range InspectionKinds.Values() {
		if k.Planned() {
			out = append(out, k)
		}
	}
	return out
}

// ParseInspectionKind reads an inspection kind.
func ParseInspectionKind(s string) (InspectionKind, error) { return InspectionKinds.Parse(s) }

// Valid reports whether v is an inspection kind.
func (v InspectionKind) Valid() bool { return InspectionKinds.Has(v) }

// ZH is the Chinese label.
func (v InspectionKind) ZH() string { return InspectionKinds.ZH(v) }

// EN is the English label.
func (v InspectionKind) EN() string { return InspectionKinds.EN(v) }

// InspectionStatus is where an inspection stands: scheduled → in_progress
// → submitted → approved, or returned (to its officer), or cancelled.
type InspectionStatus string

// Inspection statuses.
const (
	Scheduled  InspectionStatus = "scheduled"
	InProgress InspectionStatus = "in_progress"
	Submitted  InspectionStatus = "submitted"
	Approved   InspectionStatus = "approved"
	Returned   InspectionStatus = "returned"
	Cancelled  InspectionStatus = "cancelled"
)

// InspectionStatuses are the inspection statuses, in the order of the work.
var InspectionStatuses = newSet("inspection_status", "检查状态", "Inspection status", []Term[InspectionStatus]{
	{Scheduled, "待检查", "Scheduled"},
	{InProgress, "检查中", "In progress"},
	{Submitted, "待审核", "Submitted"},
	{Approved, "已通过", "Approved"},
	{Returned, "已退回", "Returned"},
	{Cancelled, "已取消", "Cancelled"},
})

// OpenInspectionStatuses are the statuses of work still to be done by an
// officer: an inspection in one of them, due before today, is overdue.
// GET /vocabulary marks them (open: true).
var OpenInspectionStatuses = InspectionStatuses.withOpen([]InspectionStatus{Scheduled, InProgress, Returned})

// ParseInspectionStatus reads an inspection status.
func ParseInspectionStatus(s string) (InspectionStatus, error) { return InspectionStatuses.Parse(s) }

// Valid reports whether v is an inspection status.
func (v InspectionStatus) Valid() bool { return InspectionStatuses.Has(v) }

// ZH is the Chinese label.
func (v InspectionStatus) ZH() string { return InspectionStatuses.ZH(v) }

// EN is the English label.
func (v InspectionStatus) EN() string { return InspectionStatuses.EN(v) }

// Open reports whether v is one of OpenInspectionStatuses.
func (v InspectionStatus) Open() bool {
	for _, s := range OpenInspectionStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// CheckResult is an officer's answer to one checklist item.
type CheckResult string

// Checklist results.
const (
	Pass CheckResult = "pass"
	Fail CheckResult = "fail"
	NA   CheckResult = "na"
)

// CheckResults are the checklist results.
var CheckResults = newSet("check_result", "检查结果", "Result", []Term[CheckResult]{
	{Pass, "合格", "Pass"},
	{Fail, "不合格", "Fail"},
	{NA, "不适用", "N/A"},
})

// ParseCheckResult reads a checklist result.
func ParseCheckResult(s string) (CheckResult, error) { return CheckResults.Parse(s) }

// Valid reports whether v is a checklist result.
func (v CheckResult) Valid() bool { return CheckResults.Has(v) }

// ZH is the Chinese label.
func (v CheckResult) ZH() string { return CheckResults.ZH(v) }

// EN is the English label.
func (v CheckResult) EN() string { return CheckResults.EN(v) }

// ---- hazards ------------------------------------------------------------------

// Severity is how grave a hazard (隐患) is.
type Severity string

// Hazard severities.
const (
	General Severity = "general"
	// Major hazards (重大火灾隐患) are escalated when not fixed in time.
	Major Severity = "major"
)

// Severities are the hazard severities.
var Severities = newSet("severity", "隐患级别", "Severity", []Term[Severity]{
	{General, "一般隐患", "General"},
	{Major, "重大隐患", "Major"},
})

// ParseSeverity reads a hazard severity.
func ParseSeverity(s string) (Severity, error) { return Severities.Parse(s) }

// Valid reports whether v is a hazard severity.
func (v Severity) Valid() bool { return Severities.Has(v) }

// ZH is the Chinese label.
func (v Severity) ZH() string { return Severities.ZH(v) }

// EN is the English label.
func (v Severity) EN() string { return Severities.EN(v) }

// FixMode is how a hazard is to be fixed: during the visit (the 责令立即改正
// path) or by a deadline (责令限期改正).
type FixMode string

// Fix modes.
const (
	FixOnSite   FixMode = "on_site"
	FixDeadline FixMode = "deadline"
)

// FixModes are the fix modes.
var FixModes = newSet("fix_mode", "整改方式", "Fix mode", []Term[FixMode]{
	{FixOnSite, "当场整改", "Fixed on site"},
	{FixDeadline, "限期整改", "Fix by deadline"},
})

// ParseFixMode reads a fix mode.
func ParseFixMode(s string) (FixMode, error) { return FixModes.Parse(s) }

// Valid reports whether v is a fix mode.
func (v FixMode) Valid() bool { return FixModes.Has(v) }

// ZH is the Chinese label.
func (v FixMode) ZH() string { return FixModes.ZH(v) }

// EN is the English label.
func (v FixMode) EN() string { return FixModes.EN(v) }

// HazardStatus is where a hazard's fix stands: open → rectified (the fix is
// recorded) → verified, or open again when the fix is rejected.
type HazardStatus string

// Hazard statuses.
const (
	HazardOpen      HazardStatus = "open"
	HazardRectified HazardStatus = "rectified"
	HazardVerified  HazardStatus = "verified"
)

// HazardStatuses are the hazard statuses, in the order of the work.
var HazardStatuses = newSet("hazard_status", "整改状态", "Hazard status", []Term[HazardStatus]{
	{HazardOpen, "待整改", "Open"},
	{HazardRectified, "已整改待验收", "Rectified, to verify"},
	{HazardVerified, "已验收", "Verified"},
})

// UnverifiedHazardStatuses are the statuses of a hazard whose fix is not
// yet accepted: it still belongs to the venue's grid's work.
var UnverifiedHazardStatuses = []HazardStatus{HazardOpen, HazardRectified}

// ParseHazardStatus reads a hazard status.
func ParseHazardStatus(s string) (HazardStatus, error) { return HazardStatuses.Parse(s) }

// Valid reports whether v is a hazard status.
func (v HazardStatus) Valid() bool { return HazardStatuses.Has(v) }

// ZH is the Chinese label.
func (v HazardStatus) ZH() string { return HazardStatuses.ZH(v) }

// EN is the English label.
func (v HazardStatus) EN() string { return HazardStatuses.EN(v) }

// PhotoRole is what a hazard's photo shows.
type PhotoRole string

// Photo roles.
const (
	PhotoFinding       PhotoRole = "finding"
	PhotoRectification PhotoRole = "rectification"
)

// PhotoRoles are the photo roles.
var PhotoRoles = newSet("photo_role", "照片类型", "Photo", []Term[PhotoRole]{
	{PhotoFinding, "隐患照片", "Photos of the hazard"},
	{PhotoRectification, "整改照片", "Photos of the fix"},
})

// ParsePhotoRole reads a photo role.
func ParsePhotoRole(s string) (PhotoRole, error) { return PhotoRoles.Parse(s) }

// Valid reports whether v is a photo role.
func (v PhotoRole) Valid() bool { return PhotoRoles.Has(v) }

// ZH is the Chinese label.
func (v PhotoRole) ZH() string { return PhotoRoles.ZH(v) }

// EN is the English label.
func (v PhotoRole) EN() string { return PhotoRoles.EN(v) }

// ---- people and places --------------------------------------------------------

// Role is what a user may do.
type Role string

// Roles.
const (
	// Officers (民警 / 辅警 / 网格员) work in the grids assigned to them.
	Officer Role = "officer"
	// Supervisors review everything under one org unit.
	Supervisor Role = "supervisor"
	// Admins manage org units, users, the policy and venues everywhere.
	Admin Role = "admin"
)

// Roles are the roles.
var Roles = newSet("role", "角色", "Role", []Term[Role]{
	{Officer, "民警/网格员", "Officer"},
	{Supervisor, "督导", "Supervisor"},
	{Admin, "管理员", "Administrator"},
})

// ParseRole reads a role.
func ParseRole(s string) (Role, error) { return Roles.Parse(s) }

// Valid reports whether v is a role.
func (v Role) Valid() bool { return Roles.Has(v) }

// ZH is the Chinese label.
func (v Role) ZH() string { return Roles.ZH(v) }

// EN is the English label.
func (v Role) EN() string { return Roles.EN(v) }

// ActorKind is who made a change of the audit trail: a user (an account),
// or a venue's owner in an owner session (场所负责人).
type ActorKind string

// Actor kinds.
const (
	ActorUser  ActorKind = "user"
	ActorOwner ActorKind = "owner"
)

// ActorKinds are the actor kinds.
var ActorKinds = newSet("actor_kind", "操作人类型", "Actor", []Term[ActorKind]{
	{ActorUser, "工作人员", "Staff"},
	{ActorOwner, "场所负责人", "Venue owner"},
})

// ParseActorKind reads an actor kind.
func ParseActorKind(s string) (ActorKind, error) { return ActorKinds.Parse(s) }

// Valid reports whether v is an actor kind.
func (v ActorKind) Valid() bool { return ActorKinds.Has(v) }

// ZH is the Chinese label.
func (v ActorKind) ZH() string { return ActorKinds.ZH(v) }

// EN is the English label.
func (v ActorKind) EN() string { return ActorKinds.EN(v) }

// OrgUnitKind is a level of the org tree, from the root down.
type OrgUnitKind string

// Org unit kinds, from the root down.
const (
	City     OrgUnitKind = "city"
	District OrgUnitKind = "district"
	Station  OrgUnitKind = "station"
	Grid     OrgUnitKind = "grid"
)

// OrgUnitKinds are the org unit kinds, from the root down.
var OrgUnitKinds = newSet("org_unit_kind", "单位层级", "Org unit kind", []Term[OrgUnitKind]{
	{City, "市", "City"},
	{District, "区", "District"},
	{Station, "派出所", "Station"},
	{Grid, "网格", "Grid"},
})

// ParseOrgUnitKind reads an org unit kind.
func ParseOrgUnitKind(s string) (OrgUnitKind, error) { return OrgUnitKinds.Parse(s) }

// Valid reports whether v is an org unit kind.
func (v OrgUnitKind) Valid() bool { return OrgUnitKinds.Has(v) }

// ZH is the Chinese label.
func (v OrgUnitKind) ZH() string { return OrgUnitKinds.ZH(v) }

// EN is the English label.
func (v OrgUnitKind) EN() string { return OrgUnitKinds.EN(v) }

// DayKind is what a calendar entry makes of a day.
type DayKind string

// Calendar day kinds.
const (
	// Holiday is a public holiday: a rest day.
	Holiday DayKind = "holiday"
	// Workday is a make-up working day (调休): a weekend day worked.
	Workday DayKind = "workday"
)

// DayKinds are the calendar day kinds.
var DayKinds = newSet("day_kind", "日历", "Calendar day", []Term[DayKind]{
	{Holiday, "法定节假日", "Public holiday"},
	{Workday, "调休上班日", "Make-up working day"},
})

// ParseDayKind reads a calendar day kind.
func ParseDayKind(s string) (DayKind, error) { return DayKinds.Parse(s) }

// Valid reports whether v is a calendar day kind.
func (v DayKind) Valid() bool { return DayKinds.Has(v) }

// ZH is the Chinese label.
func (v DayKind) ZH() string { return DayKinds.ZH(v) }

// EN is the English label.
func (v DayKind) EN() string { return DayKinds.EN(v) }

// ---- documents (法律文书, 公通字〔2009〕21号) ---------------------------------------

// DocumentKind is a kind of legal document an inspection ends in.
type DocumentKind string

// Document kinds.
const (
	DocInspectionRecord    DocumentKind = "inspection_record"
	DocImmediateOrder      DocumentKind = "immediate_order"
	DocDeadlineOrder       DocumentKind = "deadline_order"
	DocReinspectionOpinion DocumentKind = "reinspection_opinion"
	DocExtensionDecision   DocumentKind = "extension_decision"
)

// DocumentKinds are the document kinds.
var DocumentKinds = newSet("document_kind", "文书类型", "Document kind", []Term[DocumentKind]{
	{DocInspectionRecord, "消防监督检查记录", "Fire inspection record"},
	{DocImmediateOrder, "责令立即改正通知书", "Order to correct immediately"},
	{DocDeadlineOrder, "责令限期改正通知书", "Order to correct by a deadline"},
	{DocReinspectionOpinion, "复查意见书", "Reinspection opinion"},
	{DocExtensionDecision, "同意／不同意延期整改通知书", "Decision on an extension"},
})

// ParseDocumentKind reads a document kind.
func ParseDocumentKind(s string) (DocumentKind, error) { return DocumentKinds.Parse(s) }

// Valid reports whether v is a document kind.
func (v DocumentKind) Valid() bool { return DocumentKinds.Has(v) }

// ZH is the Chinese label.
func (v DocumentKind) ZH() string { return DocumentKinds.ZH(v) }

// EN is the English label.
func (v DocumentKind) EN() string { return DocumentKinds.EN(v) }

// DocumentStatus is where a document stands: draft → issued → served, or void.
type DocumentStatus string

// Document statuses.
const (
	DocDraft  DocumentStatus = "draft"
	DocIssued DocumentStatus = "issued"
	DocServed DocumentStatus = "served"
	DocVoid   DocumentStatus = "void"
)

// DocumentStatuses are the document statuses.
var DocumentStatuses = newSet("document_status", "文书状态", "Document status", []Term[DocumentStatus]{
	{DocDraft, "草稿", "Draft"},
	{DocIssued, "已签发", "Issued"},
	{DocServed, "已送达", "Served"},
	{DocVoid, "作废", "Void"},
})

// ParseDocumentStatus reads a document status.
func ParseDocumentStatus(s string) (DocumentStatus, error) { return DocumentStatuses.Parse(s) }

// Valid reports whether v is a document status.
func (v DocumentStatus) Valid() bool { return DocumentStatuses.Has(v) }

// ZH is the Chinese label.
func (v DocumentStatus) ZH() string { return DocumentStatuses.ZH(v) }

// EN is the English label.
func (v DocumentStatus) EN() string { return DocumentStatuses.EN(v) }

// ServiceMethod is how a document was served (送达) on the venue.
type ServiceMethod string

// Service methods.
const (
	// ServeInPerson (直接送达): handed over, the receiver signs on the device.
	ServeInPerson ServiceMethod = "in_person"
	// ServeLeftAtPremises (留置送达): refused, left at the venue before a witness.
	ServeLeftAtPremises ServiceMethod = "left_at_premises"
	// ServeElectronic (电子送达): only to a venue that consented in writing.
	ServeElectronic ServiceMethod = "electronic"
)

// ServiceMethods are the service methods.
var ServiceMethods = newSet("service_method", "送达方式", "Service method", []Term[ServiceMethod]{
	{ServeInPerson, "直接送达", "In person"},
	{ServeLeftAtPremises, "留置送达", "Left at the premises"},
	{ServeElectronic, "电子送达", "Electronic"},
})

// ParseServiceMethod reads a service method.
func ParseServiceMethod(s string) (ServiceMethod, error) { return ServiceMethods.Parse(s) }

// Valid reports whether v is a service method.
func (v ServiceMethod) Valid() bool { return ServiceMethods.Has(v) }

// ZH is the Chinese label.
func (v ServiceMethod) ZH() string { return ServiceMethods.ZH(v) }

// EN is the English label.
func (v ServiceMethod) EN() string { return ServiceMethods.EN(v) }

// ExtensionStatus is where a request to extend a fix-by deadline (延期整改)
// stands: pending → approved or rejected, once.
type ExtensionStatus string

// Extension statuses.
const (
	ExtensionPending  ExtensionStatus = "pending"
	ExtensionApproved ExtensionStatus = "approved"
	ExtensionRejected ExtensionStatus = "rejected"
)

// ExtensionStatuses are the extension statuses.
var ExtensionStatuses = newSet("extension_status", "延期申请状态", "Extension status", []Term[ExtensionStatus]{
	{ExtensionPending, "待审批", "Pending"},
	{ExtensionApproved, "同意延期", "Approved"},
	{ExtensionRejected, "不同意延期", "Rejected"},
})

// ParseExtensionStatus reads an extension status.
func ParseExtensionStatus(s string) (ExtensionStatus, error) { return ExtensionStatuses.Parse(s) }

// Valid reports whether v is an extension status.
func (v ExtensionStatus) Valid() bool { return ExtensionStatuses.Has(v) }

// ZH is the Chinese label.
func (v ExtensionStatus) ZH() string { return ExtensionStatuses.ZH(v) }

// EN is the English label.
func (v ExtensionStatus) EN() string { return ExtensionStatuses.EN(v) }

// DeliveryStatus is where a delivery of an event to a webhook, or of a text
// message to the gateway, stands: pending (to send, or to retry), delivered
// (a 2xx), or failed (its retries ran out; it waits for a manual retry).
type DeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending   DeliveryStatus = "pending"
	DeliveryDelivered DeliveryStatus = "delivered"
	DeliveryFailed    DeliveryStatus = "failed"
)

// DeliveryStatuses are the delivery statuses.
var DeliveryStatuses = newSet("delivery_status", "推送状态", "Delivery status", []Term[DeliveryStatus]{
	{DeliveryPending, "待推送", "Pending"},
	{DeliveryDelivered, "已送达", "Delivered"},
	{DeliveryFailed, "推送失败", "Failed"},
})

// ParseDeliveryStatus reads a delivery status.
func ParseDeliveryStatus(s string) (DeliveryStatus, error) { return DeliveryStatuses.Parse(s) }

// Valid reports whether v is a delivery status.
func (v DeliveryStatus) Valid() bool { return DeliveryStatuses.Has(v) }

// ZH is the Chinese label.
func (v DeliveryStatus) ZH() string { return DeliveryStatuses.ZH(v) }

// EN is the English label.
func (v DeliveryStatus) EN() string { return DeliveryStatuses.EN(v) }

// ---- reports (举报投诉) ----------------------------------------------------------

// ReportKind is what a report (举报投诉) is about. Which kinds are checked
// within 24 hours is the legal clock's rule (models/deadlines.go).
type ReportKind string

// Report kinds.
const (
	ReportBlockedExit  ReportKind = "blocked_exit"
	ReportFireFacility ReportKind = "fire_facility"
	ReportWiring       ReportKind = "wiring"
	ReportFlammables   ReportKind = "flammables"
	ReportLivingIn     ReportKind = "living_in"
	ReportOtherHazard  ReportKind = "other"
)

// ReportKinds are the report kinds, the urgent ones first.
var ReportKinds = newSet("report_kind", "举报类型", "Report kind", []Term[ReportKind]{
	{ReportBlockedExit, "安全出口、疏散通道被堵或上锁", "Exit or escape route blocked or locked"},
	{ReportFireFacility, "消防设施损坏或停用", "Fire facilities out of order"},
	{ReportWiring, "电线乱拉乱接、违规充电", "Unsafe wiring or charging"},
	{ReportFlammables, "存放易燃易爆物品", "Flammables stored unsafely"},
	{ReportLivingIn, "店内住人", "People sleeping on the premises"},
	{ReportOtherHazard, "其他火灾隐患", "Other fire hazard"},
})

// ParseReportKind reads a report kind.
func ParseReportKind(s string) (ReportKind, error) { return ReportKinds.Parse(s) }

// Valid reports whether v is a report kind.
func (v ReportKind) Valid() bool { return ReportKinds.Has(v) }

// ZH is the Chinese label.
func (v ReportKind) ZH() string { return ReportKinds.ZH(v) }

// EN is the English label.
func (v ReportKind) EN() string { return ReportKinds.EN(v) }

// ReportStatus is where a report stands: received (on its clock), then
// checked (the complaint inspection was submitted; the outcome is known).
type ReportStatus string

// Report statuses.
const (
	ReportReceived ReportStatus = "received"
	ReportChecked  ReportStatus = "checked"
)

// ReportStatuses are the report statuses.
var ReportStatuses = newSet("report_status", "举报处理状态", "Report status", []Term[ReportStatus]{
	{ReportReceived, "已受理", "Received"},
	{ReportChecked, "已核查", "Checked"},
})

// ParseReportStatus reads a report status.
func ParseReportStatus(s string) (ReportStatus, error) { return ReportStatuses.Parse(s) }

// Valid reports whether v is a report status.
func (v ReportStatus) Valid() bool { return ReportStatuses.Has(v) }

// ZH is the Chinese label.
func (v ReportStatus) ZH() string { return ReportStatuses.ZH(v) }

// EN is the English label.
func (v ReportStatus) EN() string { return ReportStatuses.EN(v) }

// ReportCloseReason is why a report about an address was checked without
// a venue's complaint inspection (POST /reports/{id}/close).
type ReportCloseReason string

// Report close reasons.
const (
	CloseNoHazard ReportCloseReason = "no_hazard"
	CloseNotFound ReportCloseReason = "not_found"
	CloseReferred ReportCloseReason = "referred"
)

// ReportCloseReasons are the reasons a report about an address is closed.
var ReportCloseReasons = newSet("report_close_reason", "举报核查结论", "Report close reason", []Term[ReportCloseReason]{
	{CloseNoHazard, "现场核查未发现隐患", "Checked, no hazard"},
	{CloseNotFound, "未找到所反映的地址", "Address not found"},
	{CloseReferred, "不属消防监督范围，已移交", "Referred elsewhere"},
})

// ParseReportCloseReason reads a report close reason.
func ParseReportCloseReason(s string) (ReportCloseReason, error) { return ReportCloseReasons.Parse(s) }

// Valid reports whether v is a report close reason.
func (v ReportCloseReason) Valid() bool { return ReportCloseReasons.Has(v) }

// ZH is the Chinese label.
func (v ReportCloseReason) ZH() string { return ReportCloseReasons.ZH(v) }

// EN is the English label.
func (v ReportCloseReason) EN() string { return ReportCloseReasons.EN(v) }

// ReportSource is how a report came in.
type ReportSource string

// Report sources.
const (
	SourcePublic     ReportSource = "public"
	SourceHotline    ReportSource = "hotline"
	SourceGridWorker ReportSource = "grid_worker"
)

// ReportSources are the report sources.
var ReportSources = newSet("report_source", "举报来源", "Report source", []Term[ReportSource]{
	{SourcePublic, "群众扫码举报", "Public (venue code)"},
	{SourceHotline, "热线转办", "Hotline transfer"},
	{SourceGridWorker, "网格员上报", "Grid worker's tip"},
})

// ParseReportSource reads a report source.
func ParseReportSource(s string) (ReportSource, error) { return ReportSources.Parse(s) }

// Valid reports whether v is a report source.
func (v ReportSource) Valid() bool { return ReportSources.Has(v) }

// ZH is the Chinese label.
func (v ReportSource) ZH() string { return ReportSources.ZH(v) }

// EN is the English label.
func (v ReportSource) EN() string { return ReportSources.EN(v) }
