from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE "agency" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "default_cancellation_window_minutes" INT NOT NULL,
    "default_minimum_billing_minutes" INT NOT NULL,
    "invoiced_cancellation" VARCHAR(32) NOT NULL,
    "no_show_fee" DECIMAL(12,2),
    "event_seq" BIGINT NOT NULL,
    "invoice_seq" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "agency"."invoiced_cancellation" IS 'BLOCK: BLOCK\nALLOW_WITH_CREDIT_NOTE: ALLOW_WITH_CREDIT_NOTE';
COMMENT ON TABLE "agency" IS 'A tenant: its defaults apply where a customer or driver sets nothing.';
CREATE TABLE "customer" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "billing_rate_per_hour" DECIMAL(12,2) NOT NULL,
    "cancellation_window_minutes" INT,
    "minimum_billing_minutes" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_customer_agency__b1c6a8" ON "customer" ("agency_id", "name");
COMMENT ON TABLE "customer" IS 'Who books and pays; unset terms fall back to the agency''s defaults.';
CREATE TABLE "driver" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "pay_rate_per_hour" DECIMAL(12,2) NOT NULL,
    "cancellation_window_minutes" INT,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_driver_agency__dae1e0" ON "driver" ("agency_id", "name");
COMMENT ON TABLE "driver" IS 'A person who carries missions out: a driver, an interpreter, a technician.';
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "driver_id" INT REFERENCES "driver" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "app_user"."role" IS 'ADMIN: ADMIN\nOPERATOR: OPERATOR\nDRIVER: DRIVER\nREPORTER: REPORTER';
COMMENT ON TABLE "app_user" IS 'Someone who signs in: an admin, operator, reporter, or a driver''s app.';
CREATE TABLE "customer_order" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "reference" VARCHAR(100) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "cancelled_at" TIMESTAMPTZ,
    "cancelled_at_order_level" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_customer_or_agency__cb7e88" UNIQUE ("agency_id", "reference")
);
CREATE INDEX "idx_customer_or_agency__af48fc" ON "customer_order" ("agency_id", "created_at");
CREATE INDEX "idx_customer_or_custome_96b412" ON "customer_order" ("customer_id");
COMMENT ON COLUMN "customer_order"."status" IS 'OPEN: OPEN\nIN_PROGRESS: IN_PROGRESS\nCOMPLETED: COMPLETED\nCANCELLED: CANCELLED\nNO_SHOW: NO_SHOW';
COMMENT ON TABLE "customer_order" IS 'One booking by a customer; its status is derived from its missions.';
CREATE TABLE "series" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "rule" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "order_id" INT NOT NULL REFERENCES "customer_order" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "series" IS 'A recurring booking: an RFC 5545 rule expanded into missions of one order.';
CREATE TABLE "mission" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(24) NOT NULL,
    "pickup_at" TIMESTAMPTZ NOT NULL,
    "estimated_end_at" TIMESTAMPTZ NOT NULL,
    "pickup_location" VARCHAR(300),
    "dropoff_location" VARCHAR(300),
    "notes" TEXT,
    "arrived_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "no_show_fee" VARCHAR(16) NOT NULL,
    "invoiced_at" TIMESTAMPTZ,
    "policy_agency_window_minutes" INT NOT NULL,
    "policy_agency_minimum_billing_minutes" INT NOT NULL,
    "policy_customer_window_minutes" INT,
    "policy_customer_minimum_billing_minutes" INT,
    "policy_customer_rate_per_hour" DECIMAL(12,2) NOT NULL,
    "policy_currency" VARCHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "order_id" INT NOT NULL REFERENCES "customer_order" ("id") ON DELETE RESTRICT,
    "series_id" INT REFERENCES "series" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_mission_agency__7294be" ON "mission" ("agency_id", "pickup_at");
CREATE INDEX "idx_mission_order_i_697a47" ON "mission" ("order_id", "pickup_at");
CREATE INDEX "idx_mission_series__f75c74" ON "mission" ("series_id", "pickup_at");
COMMENT ON COLUMN "mission"."status" IS 'PENDING_ASSIGNMENT: PENDING_ASSIGNMENT\nASSIGNED: ASSIGNED\nACCEPTED_BY_DRIVER: ACCEPTED_BY_DRIVER\nIN_PROGRESS: IN_PROGRESS\nCOMPLETED: COMPLETED\nCANCELLED: CANCELLED\nNO_SHOW: NO_SHOW';
COMMENT ON COLUMN "mission"."no_show_fee" IS 'NOT_APPLICABLE: NOT_APPLICABLE\nPENDING: PENDING\nADDED: ADDED\nWAIVED: WAIVED';
COMMENT ON TABLE "mission" IS 'One job of an order, with the cancellation terms in force when it was booked.';
CREATE TABLE "assignment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "assigned_at" TIMESTAMPTZ NOT NULL,
    "accepted_at" TIMESTAMPTZ,
    "ended_at" TIMESTAMPTZ,
    "slot_start" TIMESTAMPTZ NOT NULL,
    "slot_end" TIMESTAMPTZ NOT NULL,
    "driver_window_minutes" INT,
    "driver_pay_rate_per_hour" DECIMAL(12,2) NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "driver_id" INT NOT NULL REFERENCES "driver" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_assignment_driver__065d94" ON "assignment" ("driver_id", "ended_at", "slot_start");
CREATE INDEX "idx_assignment_mission_2e2398" ON "assignment" ("mission_id", "ended_at");
COMMENT ON TABLE "assignment" IS 'A driver on a mission; an active one (not ended) holds the driver''s slot.';
CREATE TABLE "cancellation_reason" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "active" BOOL NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_agency__df8024" UNIQUE ("agency_id", "code")
);
COMMENT ON TABLE "cancellation_reason" IS 'An entry of the agency''s reference list of cancellation reasons.';
CREATE TABLE "cancellation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "cancelled_at" TIMESTAMPTZ NOT NULL,
    "requested_at" TIMESTAMPTZ NOT NULL,
    "cancelled_by_name" VARCHAR(200) NOT NULL,
    "cancelled_by_role" VARCHAR(16) NOT NULL,
    "requested_by" VARCHAR(200) NOT NULL,
    "reason_code" VARCHAR(64) NOT NULL,
    "reason_label" VARCHAR(200) NOT NULL,
    "note" TEXT,
    "scope" VARCHAR(24) NOT NULL,
    "billable" BOOL NOT NULL,
    "effective_window_minutes" INT NOT NULL,
    "window_source" VARCHAR(16) NOT NULL,
    "scheduled_minutes" INT NOT NULL,
    "billable_minutes" INT NOT NULL,
    "charge" DECIMAL(12,2) NOT NULL,
    "payout_total" DECIMAL(12,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "decision" JSONB NOT NULL,
    "waived" BOOL NOT NULL,
    "waived_at" TIMESTAMPTZ,
    "waiver_note" TEXT,
    "credit_note_required" BOOL NOT NULL,
    "reverted_at" TIMESTAMPTZ,
    "invoiced_at" TIMESTAMPTZ,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "cancelled_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT,
    "order_id" INT NOT NULL REFERENCES "customer_order" ("id") ON DELETE RESTRICT,
    "reason_id" INT NOT NULL REFERENCES "cancellation_reason" ("id") ON DELETE RESTRICT,
    "reverted_by_id" INT REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "waived_by_id" INT REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_cancellatio_agency__95425b" ON "cancellation" ("agency_id", "cancelled_at", "id");
CREATE INDEX "idx_cancellatio_mission_05038a" ON "cancellation" ("mission_id", "reverted_at");
CREATE INDEX "idx_cancellatio_agency__441707" ON "cancellation" ("agency_id", "customer_id", "cancelled_at");
CREATE INDEX "idx_cancellatio_agency__453a6d" ON "cancellation" ("agency_id", "reason_code", "cancelled_at");
COMMENT ON COLUMN "cancellation"."scope" IS 'THIS_OCCURRENCE: THIS_OCCURRENCE\nTHIS_AND_FOLLOWING: THIS_AND_FOLLOWING\nWHOLE_SERIES: WHOLE_SERIES';
COMMENT ON COLUMN "cancellation"."window_source" IS 'CUSTOMER: CUSTOMER\nDRIVER: DRIVER\nAGENCY_DEFAULT: AGENCY_DEFAULT';
COMMENT ON TABLE "cancellation" IS 'One mission''s cancellation: who, why, when, and the billing decision it got.';
CREATE TABLE "cancellation_payout" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" DECIMAL(12,2) NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "cancellation_id" INT NOT NULL REFERENCES "cancellation" ("id") ON DELETE RESTRICT,
    "driver_id" INT NOT NULL REFERENCES "driver" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_cancell_2487d4" UNIQUE ("cancellation_id", "driver_id")
);
CREATE INDEX "idx_cancellatio_agency__587e3e" ON "cancellation_payout" ("agency_id", "driver_id");
COMMENT ON TABLE "cancellation_payout" IS 'What one driver is paid for a billable cancellation (one row per driver).';
CREATE TABLE "invoice" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" VARCHAR(32),
    "status" VARCHAR(8) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "total" DECIMAL(12,2) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "issued_at" TIMESTAMPTZ,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_invoice_agency__ed3a33" UNIQUE ("agency_id", "number")
);
CREATE INDEX "idx_invoice_custome_3cc1cf" ON "invoice" ("customer_id", "status");
COMMENT ON COLUMN "invoice"."status" IS 'DRAFT: DRAFT\nISSUED: ISSUED';
COMMENT ON TABLE "invoice" IS 'A customer''s invoice: a draft, then issued with a gapless per-agency number.';
CREATE TABLE "credit_note" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" DECIMAL(12,2) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "invoice_id" INT NOT NULL REFERENCES "invoice" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "credit_note" IS 'A credit note recorded by hand against an issued invoice.';
CREATE TABLE "pending_review_item" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "charge" DECIMAL(12,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "waived" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "withdrawn_at" TIMESTAMPTZ,
    "invoiced_at" TIMESTAMPTZ,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "cancellation_id" INT REFERENCES "cancellation" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "invoice_id" INT REFERENCES "invoice" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_pending_rev_agency__8901d7" ON "pending_review_item" ("agency_id", "invoiced_at", "withdrawn_at", "id");
CREATE INDEX "idx_pending_rev_custome_6bdadb" ON "pending_review_item" ("customer_id", "invoiced_at");
COMMENT ON COLUMN "pending_review_item"."kind" IS 'CANCELLATION: CANCELLATION\nNO_SHOW_FEE: NO_SHOW_FEE';
COMMENT ON TABLE "pending_review_item" IS 'A billable cancellation or a no-show fee waiting to be invoiced.';
CREATE TABLE "invoice_line" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "description" VARCHAR(300) NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "invoice_id" INT NOT NULL REFERENCES "invoice" ("id") ON DELETE RESTRICT,
    "mission_id" INT REFERENCES "mission" ("id") ON DELETE RESTRICT,
    "review_item_id" INT REFERENCES "pending_review_item" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_invoice_lin_mission_bfb150" ON "invoice_line" ("mission_id");
COMMENT ON TABLE "invoice_line" IS 'One billed thing: a completed mission, a billable cancellation, a no-show fee.';
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "occurred_at" TIMESTAMPTZ NOT NULL,
    "actor_user_id" INT,
    "actor_name" VARCHAR(200) NOT NULL,
    "actor_role" VARCHAR(16) NOT NULL,
    "order_id" INT,
    "mission_id" INT,
    "cancellation_id" INT,
    "driver_ids" JSONB NOT NULL,
    "data" JSONB NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_event_agency__89ea78" UNIQUE ("agency_id", "seq")
);
CREATE INDEX "idx_event_order_i_02514d" ON "event" ("order_id", "id");
CREATE INDEX "idx_event_mission_599258" ON "event" ("mission_id", "id");
CREATE INDEX "idx_event_cancell_320d6a" ON "event" ("cancellation_id", "id");
COMMENT ON TABLE "event" IS 'One immutable audit entry; the database refuses UPDATE and DELETE (a trigger).';
CREATE TABLE "relay_mark" (
    "published_seq" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL PRIMARY KEY REFERENCES "agency" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "relay_mark" IS 'How far the outbox relay has published each agency''s events (events stay immutable).';
CREATE TABLE "idempotency_record" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(200) NOT NULL,
    "operation" VARCHAR(64) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_idempotency_agency__98f512" UNIQUE ("agency_id", "key")
);
COMMENT ON TABLE "idempotency_record" IS 'The first result of a mutation sent with a key; a retry returns it again.';
CREATE TABLE "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
        -- append-only event table (SPEC section 8), injected by migrations/make_migration.py
        CREATE OR REPLACE FUNCTION "event_append_only"() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'events are append-only: % on event is not allowed', TG_OP
                USING ERRCODE = 'restrict_violation';
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER "event_no_update_delete" BEFORE UPDATE OR DELETE ON "event"
            FOR EACH ROW EXECUTE FUNCTION "event_append_only"();
        CREATE TRIGGER "event_no_truncate" BEFORE TRUNCATE ON "event"
            FOR EACH STATEMENT EXECUTE FUNCTION "event_append_only"();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        -- append-only event table (SPEC section 8), injected by migrations/make_migration.py
        DROP TRIGGER IF EXISTS "event_no_truncate" ON "event";
        DROP TRIGGER IF EXISTS "event_no_update_delete" ON "event";
        DROP FUNCTION IF EXISTS "event_append_only"();"""


MODELS_STATE = (
    "eJztXW2T2jgS/isqviRbxaYyzEty5OqqGIYk7DIwxTCbvVuufB4jBt+AxPolE+4u//0k2c"
    "Zvsi2DMcbRlxmw1QIeSe3up1ut/zZWeAaX5pvOE0TaptEG/20gdQXJi8idJmio67V/nV6w"
    "1Mcla6r6bR5Ny1A1i1ydq0sTkkszaGqGvrZ0jGjbDrAgUpHVBrplghmcq/aSvCCdLzfgZQ"
    "ENCFSg2aaFV9AA2AAzQ/9KXpmQtELYWujo6Q39qBnWyGeRd4X2aiP9TxsqFn6CFhEjff/x"
    "T3JZRzP4DZre2/WzMtfhchYCTJ/RDth1xdqs2bU+sj6yhvQLPyoaXtor5Ddeb6wFRtvWOr"
    "LoVYImNFQL0u4tw6YgInu5dNH2cHW+qd/E+YoBGRcFcoFKO1/Av9ZQlOFootz3JorSiA2T"
    "JxHA2L2kYUSHmHxVk/36J/oVfm6dXby7eH9+dfGeNGFfc3vl3Xfno31gHEEGz3DS+M7uq5"
    "bqtGAY+6Cy/zFYuwvV4OPqtY8gS75yFFkPxzRovQs+tv6sLgPclfpNWUL0ZC0oom/fpkD5"
    "W2fc/dwZvyatfqIfickydFbn0L3Vcu5RvH18LX0Flf9glAvkkFB5SDceJt1GKVBfXQggfX"
    "WRCDS9FcZZsw3DU5KiMAdlSkS59zAuB+VzAZDPEzE+j0LsfltFU5EGCQb0yykv5KfiF2Wl"
    "I9uCZg4FLdhbtgYvalzOLi7eVlqJx0eC4KSv7JXyqC+X5PP3GIWUnsobgatTwV9HX7GuwV"
    "lo8vI1Tw/ZKwZ9n3wj2jpuqSR1VqJKuh6Mur/mVEqOUBuwf1PUGQxGX5Qv/clnpTvu3fQn"
    "VLbXBvzrUQNTSJ21RPRZK1mhtaIaDWHFXBB9M4ecx/MN1PSVukwwg8KSkaGaOaJv3C4Ehs"
    "01KatiGKUAfdPr9m87g9dnraYDtfnnUrdgcAwuYlYQ/AqRpZjwzzjM1/pTonYKiZWnhw6s"
    "hv7Sap2fv2u9Pb96f3nx7t3l+7dbfRS/laaYrvufqG4KTfdEZcVHP9l/CkvVBvzCngGaAe"
    "kvV1SLozrIHWrDJ5idIcmo6nBF33gvTtGtIj9wNkLLjavYUnCd9G9795PO7R39uJVJdAnD"
    "rzPp0TstdnUTufr6KqLit50A+pgB9C34x2jIHjJrbFpPBvtEv93kHw36nVTbwgoiWlydBd"
    "x676qH2ndKSMyfA94zvfCoas8vqjFTQnf86WGb0OAYYteu2MdfxzDxSe8yQw+kixMc/e/e"
    "fPeu+rMg6K45VNGeEHXdbuoKk8Oi7QnSDeukrhCppqk/oRWkMnvB1Nl2VFeoVjr5iaTFfj"
    "jdOr3UFSRszPZecSPaR10BIk8lnccx5AHofttHHREKOvL7PuAinEAd4VqrG2zvq72DQN2x"
    "DusKFzGuzULn1Zh1WFe4XEd2T7z6Ti91BcmAX3X4ougWXO0J1B1EM/J1xqzDPumvrpAxbm"
    "pPsHpfa2xt6jO4WmOLBtgUA2rErtp3Dfodjll/dUKOcgq4hZNYhvCt4MJdqhtlpRrPydiO"
    "EJxg8icbYdpic+t2dpKMNR/YVWsVAXalIvWJfUvaHRUOki6cNB2PjElJ0lmvFdtrlZmmc4"
    "9XECMIXhYYUL/TBDpqAxUBdbbSURPgNQUfG01gwDU2LEheYQOobmLNK5Z7E8/TKa5bmagj"
    "E3Uqs7pLSNQx8DIB3+wQridbZawbnZvb/rAN2L8pGt31xp3JaNwG3qspuhn3f+uRK87/KR"
    "r37kbjCb3ivdolbHt2JTBYZ1FO3x8reis8VESxEmXFeeBhMg4q4q8HXygySo9E6lDD5Cmg"
    "ckO016PRIBRPue5HooTDh9vrHkE9EsCVUa4fN8oVWmAs31jJ9RwPyZQXLq78Ez0azMmHak"
    "hmJ1QrZqcXAWosIBuduXGAP2IDEnP4V7iJPckTokHbjk5s1iY5QuSyob5srfXweiW/n/xq"
    "6DwFxkR9jPvdSYMzewtAVjgcWbGZKwpsaMkmACuSQSCjCHkpTGgUGUWozwwN4fSiFpBS8A"
    "PgROzXmW4RE4mbUJ0LLNbTkHRUp7WXi7DMScJt03o4RFww5SeZjNOCrTLJuC8LDIgb+GwC"
    "Fc3AWt2YH4CNTGgBCxork4otAf1pwMLAWkDgPDxf+Tvh4kxcQX1m03B/hB/lDK5/Sm5Ocn"
    "P14ea8XSkUFWVNjKsFtjmmaGrGfmIfe+fuV21Aik7eL2a/1yH2eVXMriiaMNh/e1fR27pq"
    "DrhkO5OhlmynZDuz1pIk5koi5kT4I5nILNN0ZSJlySDJRMqjk0dufIFDHfmRh2TiyA9ziJ"
    "RaIn6kiRHLttJUg+5pAN4mG4Btq71NrGrSHCwCADTWBmRZVyqwoLZAuqariFdvqciuJYlU"
    "EQOpKUmko5FIa3WzF4HElZfkkSSPqqReZJKcTJKr1KyWtJGkjbLUlqSNKkQblVe4pGIPYF"
    "ltolio5Lbuo9IggQnGqzodmn4pm9rC7QQoEbfwM0ZA9QiLD2wDGjMtAd2c9hphC0AyFrOf"
    "wAKTH8PyX7Y70MwltniMSIE9ixAioTxO1qdrptFeFPK8MawGEfrDK6sSbSnpk1LpE2em7m"
    "SFR0RraIafiNntYZJud2saXO/mbkVECxjoatowtRjnoMrNM8hBOTnCVR7hwIM05xiHJaXC"
    "rv4wk1W50yC7cnKIKz3Erq28+2EASfKS2U/cR7pvPCutGxnWyghrSfL3gDO75B3SdUc1zE"
    "8IZ44HhSSuMlRxvK3nK7/i8J7Q1q92cRTb8Lqt5L7+U4V2v439h+T6vWnNIfoDMz6Z5Q8s"
    "sGyKf4Qg+Dd+BHhOyXeWZd4EL7q1YFx7MFPH3emqIzDHhkaL0kEEdAu8qCbbGgtncZq/8N"
    "5z5z6ude3ZXjMGn7L77CvwbzmVsOP3JPFfJvFP9JJlc5xNsdJtvnSJx23d9YY3/eEnpXN/"
    "3/80vO05h/jkAJ/TQxvEr02R87p30wbeK3Kt2+3dTXo3yvXfFa/kW/zaFPWHyt149Ikot/"
    "s2CLyZou7o9m7Qm9Buty/J1c6w2xsM2FXv5RQNR8r959GXNnBfRFe8UD6oyHGRreTjIlux"
    "4yL91RqbN+mkVEhQslKVZqWgSQaB5ddBtFMkgSMvh7zSQ+4uzyXWUs5kTF3ZQdGdHglVYx"
    "/DZygKZdafp2TWn8cz62cGXuP5fCfUebISdiHYE0oTTeC3BItyK1AHgNO0Vu/3SUhheTC+"
    "vu38/lNIaQ1Gw09e8wDs3cHoOsr4GtT92ynrICQpQ9JVfn6wmPJOoxyWlKNc5VHW8GpNuZ"
    "udtmxEZOVIV3mkU094FmMI0o96PiRNQAezc3c36Hc714NeXoogLE397+D7KXLpgi1vMEWd"
    "mxvGFNB/U/Sl0/+NvnX+7+K2F1/5fXtWev51GxGVy7bKy3aNl7q2UVxedue0kqxuZFiTEy"
    "4Og7Z/DTLh/uRoJI+GV89077WQ0pHMtcqGv7DlINKjHJDsAdmrokNWXzINDgZNtXga3BZB"
    "w+Anv6TQrXHRGlYyOReh/ZJJv1g1DVlp4AesNGCvZzuOelhSjnpVRp3jBMW3mssU4wPYD8"
    "F0HkFQQxlAEtM4pqE8KEFQw7lT0tCV2cXHyi7GXo3bPYGtW63cKK5BNSgAq7PAC8D1ftvR"
    "aSkEUVxDmnCPwj2yNE0a6olFCWXl50y43NCJstRRQeWfB6Sn+qzoEFiyAvTRSx85T2LOZo"
    "jtIzr74DBlaxaI7YigOw4IEOBxA1TgdfIB6JYJnBRzoNOTvVgmEJgbeMVueRWd+fsgCuiT"
    "s/shst3BgHNIGTi33nPyvogAg8R2P2yRIrfllodStzz4YxbDNplwDQnVkGo9E8qxPEvJsT"
    "yL51ie4OaS0V1v2MiHOJNpA/q3Sts+is8fcQ2/3Rj0iKzMIKkOecpJ8QuMlvMsJ/PqK1xy"
    "TLK0gthp3ZRYInt7RdbIljGMiixDWSP7WHx70PIWxzUiJZGVpPvxSPfg+dx7Yhs8ELym6E"
    "aW7h4ksUcO7MdM1a+MilDoIg9EwlGLk0RIEuhHJTjdycVhOP1pl0xx+tNbpJ67AWmKHqMh"
    "HTqyTQuzjD92weXlxSUw7CUE8NtapVV36TF0OHBM3ZwVZWduE6+ge5FdZ5d5kRRlqRQlGb"
    "xc7KTbvobE5KUQMXmZQkxexolJ6U8noy/9aelPZ+sumRMoPekKGIpNmb5WlfS1KjrQ1QwR"
    "levuhFxEjtMTdSFTsjuiLYVyO9wxf2WG6k+26dncTfJn02S1J+k53DNWpdLdygfofjEqSK"
    "tSPvHOtCq689y1LqMxTZrKET/SyoBfoRFM/Qj3ESanQl3GWxPbzCQda2Rs4q2li1ami1ax"
    "YHhFHyxVdxuEouEGJJCau/mLUVk51JUean9lPm4UdjE23sksDFe4hpRMS4iSaaVQMi0OJR"
    "MEz8D5+C+ucA2RLz6ny9dPj7k2oEflagj2QaZ5xIIThzskVkO0r0SqVF8lV6m+ilWpdjEj"
    "P5+XuJaJ9VauhmAfZGrTAqlxnNMLqu6MbzU9e64NdIh6qqaG1zvX5NsKl5hXPfncv1dG3e"
    "7DeNwbdnOX44uIt0HkwhSxC53hjfJxNBiMvrDafPFrU/Tl82jQI58z7vfu2yD4LkowCC2k"
    "wmvrU4aCIR0b3NRU26BYiam1x1lSBWbWwvkcshPQd68NltaFjG5wMHdhMrFtJG3CyVZisU"
    "6q/JhudB/uJ6NbelaI92qKvNNDvBNDOp+IJvu7ctP72HkYTNog/H4X7VS8u2BqCzizqaOV"
    "f51wZeUC4SwQT5nvADJPVGLMSwMnWuaJo31Sa975QrK4HQwqEU5xO3WDbUuxsKVyvK/0yo"
    "IRUYl1Bta7VBCUpQPzlA704oVxhH+5Hw35CAdlolNY1yzwP7DUzVNUxSnQUjTSnd2oX9sM"
    "k/i0g6iz+6LSPfo5HSJfSO40zOEPObDtEOgKCcrdvVUOcrGhMpS8fF1ETNJ2+Wk7zYAz3W"
    "IQKjSCohu59VpSF1LL5dBywZycnHouIio1XZU1nTzx5McYZ5nZ3zgERRLMqsi3Wz4uKRGW"
    "tQhKRDacgysIbFhI4ip3+5SCqZtwkgvUkIxENc3Gz/vwigvKCuuJRFFecKNiElq5++9ou/"
    "9W/kayPaGtX02XKLZh20hurTzWyQCy9lMecMVqPyU5vQVg/GDWG9+4oy+AsWO8FjGDA5s+"
    "x9tOa4p1yOQXQHlrapU3jStmmIkiGzVKhabw1kmQ8GZO3KhDtUcJASc5qMCyaXeswxrpje"
    "g8PeKBGicyYUurv+DOtYwqDP6MFKvFoKx9gcySDF8WqsWqv83oyRcGPQRjreozMMcGUIGX"
    "PhoqpwBe0/YGfgFrIuDI/RSvx1Boz9yjN0I/2tEkjsz2FI3kYg2RhrJQQlmFEtQVthEv/J"
    "qWAuoLyeRP9ruTkz9l7LO4Wcyv0bpT7DMoKRHmIOwrZHFsQzISVckdH7EGe6QYVoFMRo1R"
    "5ihHAaydZV8AyjfbjmqKb0hB5vayy3KDXKouww3yCT1BN8inFQVKcyMAkWVsaC1sWhjOWf"
    "6vTLA96I3tzqC3Qw6L8xmcIweL6DD7vEFWACTq6Uh/pkx/Jm/pFlmzJUfNltzFWmSVlpxV"
    "WlRWqoBDBaZtOvCFStxm4CmNk91lID3zovSx9HBK8nBEIjDy+JrjxhPYBrAhZkMXN6D9u+"
    "mGs7+NTNBgBo4IoCL08BmatzKjp2svaHFl9Yn8fmLeqgjopmmzI2fYBhre0TV79CRPqqmW"
    "NSzZ/cOy+0mpMlnlC2tqEsvTgCoznU9uk6A3WLk3s0XlpFnOcXbch3Q+aMNCEtdsd8dFrA"
    "B/p+/3dGIQizo84dklEtPZrvQC8K175m9UK1Yq2uBNbo6HFJj3ye5RYJkJuUZumvkr03NW"
    "2kAFM0OdW00aDdi6Mi+6tSB3ntT1EpomzXr62XHLyQ9YPfIP+iy28+wYg9OYk08VSaYnC8"
    "CyTZlOVa7D5Y5ODofAl6hDyZ5ImbeWgDtw3kou9NaKVTh1ZjUXX4HS2lvpEmtr34w7HyeN"
    "fHg7QrT4LPk3Rf37+4feTRs4/6NKSGQk3gsMxPvEcXgvSxpmz3WRqS5e0nCXypxHLsn59r"
    "A2T2GkjSQUdoH65AgFx+zapbZUUFBWlqryGMsYbnFGrax7dBhkZXT8GPm/ch9+4fvwhbIP"
    "/MD1vskHoVB5TYAPZ9PpaF+QXLZsQHqqK0pyi+yxU1qCkyyZsfXmYCZrqyy9lkIHlNOdqZ"
    "AeD05wocyqhldrqptm3unizaTtq/QGwj+bC/wC5pCT6lJ89yKHlAdK9UhytlRy9pn8rDyM"
    "lde+hmxV8WdPBb9WDowjYjWE+lwoKeY8JSnmnJMnLhO7DsoRynyJehX+rZgdd4Bqqp6RnL"
    "uaakRQwiuzfI6Z5XOMqp8Vm76i2OYu+hlY7QXgW2N/Oop0XE1WKp8qPhIcP507XMne+tpp"
    "rkTmjEi+Fb+YFKszFXCYwYuqW+QTgIXBI/SSp2a8HKv9OxRxzEMcc+SAGZq8NSNTArnvqf"
    "PeBLGkq6CUdO4r4txn5wWdgqPf6HaG3d5g0Jn0R8M2CL6bouFIuf88+qJ87PXaIPAmupaO"
    "Qw3Iw3zlAbOnnY0lzzjNmLcF7suX6Vm7DMDJpe5ELao8Ax2VlUlaVR5peczjjzHOMhmvUc"
    "tSpxVbMjLb8VSQPVYQreYTVh6eKZNzK8WOy4PdKhTjkZnPeeDd+QSyI1WWrtijTRjmnQpL"
    "HyPOfqIAC4XZRRL4g0m6pSannwjwB8207n2F7INisVvnRjMtXgu3TYTSqvXVymayQLVptT"
    "9WHfsDq41NQ2yPqkmL/81tE5rg4Y7yC4CW/7vpDXrk5WuVgKE/PXFPGiq2+ymaon+Z8M9/"
    "0ROLqHygcIZmGyY22kBdLrFGpxawyWwxAhW+6elFr0xAbj83gYlZEQ4dkc+aIrcB+XI6os"
    "wx/SrkloZXK3KNnfvJvpNKvqhpryBA9KA0YD7ra5NcJLMfuo0FK3eQH8Ep2xE8YNSLKocf"
    "+ttYc1yJ5s4hv9affpRI819arfPzd62351fvLy/evbt8/3brIMRvpXkK1/1P1FloBnm17H"
    "g0He1c8LsCdXLNShmCQM0EilkM8+QYqNe+hvHP4mu/Y42FjHdh8SOiMjBXbRpfs7ChkCdz"
    "TkY0Jie5O07ReQYSe5dDUYWlaqiuDnWWAkHNwMsdsPakaoh18fldQRNWUFkERaSeqA7HX3"
    "NYZTC1rGMjOdzRL/ejYcIm0JBU1D7UNQv8jx3PdSjd2/jr3EYaSyp/tPWlpSPzDf28vzXK"
    "txcpSiFT0dO8r287v0eVcncwuo7agLSD6+iwEC8114C47asxFPRjazMUMkumKL0jY7dHP3"
    "bokGQ4DTBsblXjucEhxP2bzTRS3KDNlJXXLpMZ/0x3EqkOgYxt6xF/A6wLsFBNsLYfieZb"
    "wBmAqrbwj5BkzLsJXrv/yZTa+Pw3hx8/1IfscfhORZRSFWjjg21Q2o6skpsajomW9ww4VF"
    "HX4zDE9nq2496CsGQNKUx6MtFshJabxrYI14lSmtswbexRJfoQyzYkRghOMPlzcDPiqCrx"
    "YEbEfvXIZnC1xhb9yDE7no5nIMQbpRoKut9cMfz2mQbDhDzD57phWixIvGQHSKuAPpaZC2"
    "OSh7V38MMz3HxgwWR6DDX5axvIpNFndqJe3EootOfs4DTpQ55cfdwNzDDXBk63eQ0J6oME"
    "A/CaApKzOFlIqIZIFx8lNiD5maalEFdmkQfpqJwEWwhs+mDIw+v5EuUze8cJvx+Ew5NblH"
    "cZioq7DZxMiGqwIsfWYpKqLWXJnDBV24GGri0aHDfMvdNM871Uv02Wv5WMqTx5vFrezFdo"
    "8Pd4JduAAZEamn+ty0sRr+byMtmrofciwUSyqHIg7DavIbpnQj7jWYrPeMY5eRwjC/KqLC"
    "cb2AERaWHntLD3omz3fZh9/z9N2FjL"
)
