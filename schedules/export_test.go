package schedules

// AvoidEmptyTableTrap lets the tests of package schedules_test reach the
// generator's guard against a plan made for an empty inspections table.
var AvoidEmptyTableTrap = avoidEmptyTableTrap
