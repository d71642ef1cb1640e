"""Initial schema: members, catalogue, staff, visits, wallet, follow-ups, settings, audit.

Amounts are BigInteger cents (see shopcrm.models.base.Money).

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('custom_fields',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('field_type', sa.String(length=10), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_fields')),
    sa.UniqueConstraint('key', name=op.f('uq_custom_fields_key'))
    )
    op.create_table('followup_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('template_zh', sa.Text(), nullable=False),
    sa.Column('template_en', sa.Text(), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_rules'))
    )
    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_pinyin', sa.String(length=300), nullable=False),
    sa.Column('name_initials', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('phone_digits', sa.String(length=32), nullable=False),
    sa.Column('phone_rev', sa.String(length=32), nullable=False),
    sa.Column('card_no', sa.String(length=40), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=False),
    sa.Column('birthday_kind', sa.String(length=5), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('birth_month', sa.Integer(), nullable=True),
    sa.Column('birth_day', sa.Integer(), nullable=True),
    sa.Column('birth_leap', sa.Boolean(), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('join_date', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=False),
    sa.Column('referred_by_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('consent_marketing', sa.Boolean(), nullable=False),
    sa.Column('profile', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('first_visit_on', sa.Date(), nullable=True),
    sa.Column('last_visit_on', sa.Date(), nullable=True),
    sa.Column('visit_count', sa.Integer(), nullable=False),
    sa.Column('lifetime_spend', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['members.id'], name=op.f('fk_members_merged_into_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referred_by_id'], ['members.id'], name=op.f('fk_members_referred_by_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_card_no'), ['card_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_join_date'), ['join_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_last_visit_on'), ['last_visit_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_name_initials'), ['name_initials'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_name_pinyin'), ['name_pinyin'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_phone_rev'), ['phone_rev'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_status'), ['status'], unique=False)
        batch_op.create_index('uq_members_active_phone', ['phone'], unique=True, sqlite_where=sa.text("status = 'active' AND phone IS NOT NULL"), postgresql_where=sa.text("status = 'active' AND phone IS NOT NULL"))

    op.create_table('service_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_categories')),
    sa.UniqueConstraint('name', name=op.f('uq_service_categories_name'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('pin_hash', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('name', name=op.f('uq_staff_name'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_log_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_created', ['created_at'], unique=False)
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('member_tags',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_tags_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'tag', name=op.f('pk_member_tags'))
    )
    with op.batch_alter_table('member_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_tags_tag'), ['tag'], unique=False)

    op.create_table('services',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_pinyin', sa.String(length=200), nullable=False),
    sa.Column('list_price', sa.BigInteger(), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('care_offsets', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['service_categories.id'], name=op.f('fk_services_category_id_service_categories'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services')),
    sa.UniqueConstraint('name', name=op.f('uq_services_name'))
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_category_id'), ['category_id'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('visited_at', sa.DateTime(), nullable=False),
    sa.Column('total_list', sa.BigInteger(), nullable=False),
    sa.Column('total_discount', sa.BigInteger(), nullable=False),
    sa.Column('total_amount', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('complaint', sa.Text(), nullable=False),
    sa.Column('party_size', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('source_ref', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_visits_created_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_visits_member_id_members'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['replaces_id'], ['visits.id'], name=op.f('fk_visits_replaces_id_visits'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['voided_by_id'], ['staff.id'], name=op.f('fk_visits_voided_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits')),
    sa.UniqueConstraint('source_ref', name=op.f('uq_visits_source_ref'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_member_time', ['member_id', 'visited_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_visited_at'), ['visited_at'], unique=False)

    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('occasion_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('snoozed_until', sa.Date(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_followups_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rule_id'], ['followup_rules.id'], name=op.f('fk_followups_rule_id_followup_rules'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_followups_service_id_services'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_followups_visit_id_visits'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups')),
    sa.UniqueConstraint('member_id', 'rule_id', 'occasion_date', name='uq_followups_occasion')
    )
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index('ix_followups_member', ['member_id'], unique=False)
        batch_op.create_index('ix_followups_status_due', ['status', 'due_date'], unique=False)

    op.create_table('visit_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('item_name', sa.String(length=120), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('discount', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_visit_lines_service_id_services'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_visit_lines_staff_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_lines_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_lines'))
    )
    with op.batch_alter_table('visit_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_lines_service_id'), ['service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_lines_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_lines_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_payments_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_payments'))
    )
    with op.batch_alter_table('visit_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_payments_visit_id'), ['visit_id'], unique=False)

    op.create_table('wallet_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entry_type', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('balance_after', sa.BigInteger(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('paid_amount', sa.BigInteger(), nullable=True),
    sa.Column('payment_method', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_wallet_entries_member_id_members'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reverses_id'], ['wallet_entries.id'], name=op.f('fk_wallet_entries_reverses_id_wallet_entries')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_wallet_entries_staff_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_wallet_entries_visit_id_visits'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_entries')),
    sa.UniqueConstraint('member_id', 'account', 'seq', name='uq_wallet_entries_member_seq')
    )
    with op.batch_alter_table('wallet_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_entries_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_wallet_entries_visit', ['visit_id'], unique=False)

    op.create_table('followup_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('followup_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('snooze_to', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['followup_id'], ['followups.id'], name=op.f('fk_followup_events_followup_id_followups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_followup_events_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_events'))
    )
    with op.batch_alter_table('followup_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_events_followup_id'), ['followup_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('followup_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_events_followup_id'))

    op.drop_table('followup_events')
    with op.batch_alter_table('wallet_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_wallet_entries_visit')
        batch_op.drop_index(batch_op.f('ix_wallet_entries_created_at'))

    op.drop_table('wallet_entries')
    with op.batch_alter_table('visit_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_payments_visit_id'))

    op.drop_table('visit_payments')
    with op.batch_alter_table('visit_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_lines_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_lines_staff_id'))
        batch_op.drop_index(batch_op.f('ix_visit_lines_service_id'))

    op.drop_table('visit_lines')
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index('ix_followups_status_due')
        batch_op.drop_index('ix_followups_member')

    op.drop_table('followups')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_visited_at'))
        batch_op.drop_index(batch_op.f('ix_visits_status'))
        batch_op.drop_index('ix_visits_member_time')

    op.drop_table('visits')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_category_id'))

    op.drop_table('services')
    with op.batch_alter_table('member_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_tags_tag'))

    op.drop_table('member_tags')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')
        batch_op.drop_index('ix_audit_log_created')

    op.drop_table('audit_log')
    op.drop_table('staff')
    op.drop_table('settings')
    op.drop_table('service_categories')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index('uq_members_active_phone', sqlite_where=sa.text("status = 'active' AND phone IS NOT NULL"), postgresql_where=sa.text("status = 'active' AND phone IS NOT NULL"))
        batch_op.drop_index(batch_op.f('ix_members_status'))
        batch_op.drop_index(batch_op.f('ix_members_phone_rev'))
        batch_op.drop_index(batch_op.f('ix_members_name_pinyin'))
        batch_op.drop_index(batch_op.f('ix_members_name_initials'))
        batch_op.drop_index(batch_op.f('ix_members_name'))
        batch_op.drop_index(batch_op.f('ix_members_last_visit_on'))
        batch_op.drop_index(batch_op.f('ix_members_join_date'))
        batch_op.drop_index(batch_op.f('ix_members_card_no'))

    op.drop_table('members')
    op.drop_table('followup_rules')
    op.drop_table('custom_fields')

