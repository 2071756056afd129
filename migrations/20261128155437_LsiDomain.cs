using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class LsiDomain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    actor_organisation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    action = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    subject_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    what = table.Column<string>(type: "text", nullable: false),
                    why = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    source_letter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fulfilled_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "covenants",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    publication_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    evaluation_interval_years = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "milestones",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    actual_on = table.Column<DateOnly>(type: "date", nullable: true),
                    subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_milestones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "multi_year_plans",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    first_year = table.Column<int>(type: "integer", nullable: false),
                    last_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_multi_year_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "steering_groups",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steering_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    covenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_year = table.Column<int>(type: "integer", nullable: false),
                    last_year = table.Column<int>(type: "integer", nullable: false),
                    evaluator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    focus_points = table.Column<List<string>>(type: "text[]", nullable: false),
                    report_reference = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_covenants_covenant_id",
                        column: x => x.covenant_id,
                        principalSchema: "lsi",
                        principalTable: "covenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    theme_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_agenda_items_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "themes",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_themes", x => x.id);
                    table.ForeignKey(
                        name: "fk_themes_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_agreements",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_agreements_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_groups",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    adopted_by_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_groups_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "covenant_signatories",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    covenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covenant_signatories", x => x.id);
                    table.ForeignKey(
                        name: "fk_covenant_signatories_covenants_covenant_id",
                        column: x => x.covenant_id,
                        principalSchema: "lsi",
                        principalTable: "covenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_covenant_signatories_organisation_organisation_id",
                        column: x => x.organisation_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    municipality_id = table.Column<Guid>(type: "uuid", nullable: true),
                    multi_year_plan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    adopted_by_member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    privacy_protocol_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    proposed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rejected_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rejection_reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.ForeignKey(
                        name: "fk_projects_multi_year_plans_multi_year_plan_id",
                        column: x => x.multi_year_plan_id,
                        principalSchema: "lsi",
                        principalTable: "multi_year_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_projects_organisations_municipality_id",
                        column: x => x.municipality_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "steering_group_members",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    steering_group_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steering_group_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_steering_group_members_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_steering_group_members_steering_groups_steering_group_id",
                        column: x => x.steering_group_id,
                        principalSchema: "lsi",
                        principalTable: "steering_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommendations",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    evaluation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendations_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalSchema: "lsi",
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "phenomena",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    theme_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phenomena", x => x.id);
                    table.ForeignKey(
                        name: "fk_phenomena_themes_theme_id",
                        column: x => x.theme_id,
                        principalSchema: "lsi",
                        principalTable: "themes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dpias",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    adopted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    sent_to_parliament_on = table.Column<DateOnly>(type: "date", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dpias", x => x.id);
                    table.ForeignKey(
                        name: "fk_dpias_project_project_id",
                        column: x => x.project_id,
                        principalSchema: "lsi",
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_participants",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shares_data = table.Column<bool>(type: "boolean", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_participants_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_participants_projects_project_id",
                        column: x => x.project_id,
                        principalSchema: "lsi",
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_actions",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    decision = table.Column<string>(type: "text", nullable: true),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_organisation_owner_organisation_id",
                        column: x => x.owner_organisation_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalSchema: "lsi",
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dpia_approvals",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    dpia_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dpia_approvals", x => x.id);
                    table.ForeignKey(
                        name: "fk_dpia_approvals_dpias_dpia_id",
                        column: x => x.dpia_id,
                        principalSchema: "lsi",
                        principalTable: "dpias",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dpia_approvals_organisation_organisation_id",
                        column: x => x.organisation_id,
                        principalSchema: "lsi",
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_multi_year_plan_id",
                schema: "lsi",
                table: "agenda_items",
                column: "multi_year_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_project_id_at",
                schema: "lsi",
                table: "audit_entries",
                columns: new[] { "project_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_subject_type_subject_id",
                schema: "lsi",
                table: "audit_entries",
                columns: new[] { "subject_type", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_status_due_on",
                schema: "lsi",
                table: "commitments",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_covenant_signatories_covenant_id_organisation_id",
                schema: "lsi",
                table: "covenant_signatories",
                columns: new[] { "covenant_id", "organisation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_covenant_signatories_organisation_id",
                schema: "lsi",
                table: "covenant_signatories",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_covenants_version_year",
                schema: "lsi",
                table: "covenants",
                column: "version_year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dpia_approvals_dpia_id_organisation_id",
                schema: "lsi",
                table: "dpia_approvals",
                columns: new[] { "dpia_id", "organisation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dpia_approvals_organisation_id",
                schema: "lsi",
                table: "dpia_approvals",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_dpias_kind",
                schema: "lsi",
                table: "dpias",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_dpias_project_id",
                schema: "lsi",
                table: "dpias",
                column: "project_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_covenant_id",
                schema: "lsi",
                table: "evaluations",
                column: "covenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_owner_organisation_id",
                schema: "lsi",
                table: "follow_up_actions",
                column: "owner_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_recommendation_id",
                schema: "lsi",
                table: "follow_up_actions",
                column: "recommendation_id");

            migrationBuilder.CreateIndex(
                name: "ix_milestones_subject_subject_id",
                schema: "lsi",
                table: "milestones",
                columns: new[] { "subject", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_code",
                schema: "lsi",
                table: "organisations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_phenomena_theme_id",
                schema: "lsi",
                table: "phenomena",
                column: "theme_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_multi_year_plan_id_year",
                schema: "lsi",
                table: "progress_reports",
                columns: new[] { "multi_year_plan_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_participants_organisation_id",
                schema: "lsi",
                table: "project_participants",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_participants_project_id_organisation_id",
                schema: "lsi",
                table: "project_participants",
                columns: new[] { "project_id", "organisation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_multi_year_plan_id",
                schema: "lsi",
                table: "projects",
                column: "multi_year_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_municipality_id",
                schema: "lsi",
                table: "projects",
                column: "municipality_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_status",
                schema: "lsi",
                table: "projects",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_evaluation_id_number",
                schema: "lsi",
                table: "recommendations",
                columns: new[] { "evaluation_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_steering_group_members_organisation_id",
                schema: "lsi",
                table: "steering_group_members",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_steering_group_members_steering_group_id_organisation_id",
                schema: "lsi",
                table: "steering_group_members",
                columns: new[] { "steering_group_id", "organisation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_themes_multi_year_plan_id",
                schema: "lsi",
                table: "themes",
                column: "multi_year_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_agreements_multi_year_plan_id",
                schema: "lsi",
                table: "work_agreements",
                column: "multi_year_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_groups_multi_year_plan_id",
                schema: "lsi",
                table: "working_groups",
                column: "multi_year_plan_id");

            // The audit trail is append-only, enforced by the database so no code path can rewrite history.
            // Only emptying it is possible, and only in a session that asks for it (the tests' reset): never an update.
            migrationBuilder.Sql(AuditAppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS lsi.audit_entries_append_only() CASCADE;");

            migrationBuilder.DropTable(
                name: "agenda_items",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "audit_entries",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "commitments",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "covenant_signatories",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "dpia_approvals",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "follow_up_actions",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "milestones",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "phenomena",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "progress_reports",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "project_participants",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "steering_group_members",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "work_agreements",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "working_groups",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "dpias",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "recommendations",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "themes",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "steering_groups",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "projects",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "evaluations",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "multi_year_plans",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "organisations",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "covenants",
                schema: "lsi");
        }

        private const string AuditAppendOnlySql = """
            CREATE FUNCTION lsi.audit_entries_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('lsi.allow_audit_reset', true) = 'on' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'De audittrail is alleen aan te vullen: % op %.% is niet toegestaan.', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$;

            CREATE TRIGGER audit_entries_no_update_or_delete
                BEFORE UPDATE OR DELETE ON lsi.audit_entries
                FOR EACH ROW EXECUTE FUNCTION lsi.audit_entries_append_only();

            CREATE TRIGGER audit_entries_no_truncate
                BEFORE TRUNCATE ON lsi.audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION lsi.audit_entries_append_only();
            """;
    }
}
